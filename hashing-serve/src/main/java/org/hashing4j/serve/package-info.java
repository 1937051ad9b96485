/**
 * The search server ({@code hashing serve}): a JSON API and a search page over an index file, with
 * image queries encoded by a model exactly as its training images were prepared. {@link
 * org.hashing4j.serve.SearchService} holds the search logic apart from HTTP; {@link
 * org.hashing4j.serve.SearchServer} puts it on Javalin (Jetty 12) with the page's static files.
 */
package org.hashing4j.serve;
