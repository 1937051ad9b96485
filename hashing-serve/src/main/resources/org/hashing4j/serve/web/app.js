// The search page: talks only to this server's JSON API; no libraries, so it works offline.
"use strict";

const $ = (id) => document.getElementById(id);
let info = null;
let nextOffset = 0;

function status(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

async function api(path, options) {
  const response = await fetch(path, options);
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || ("HTTP " + response.status));
  }
  return body;
}

function k() {
  const value = parseInt($("k").value, 10);
  return Number.isFinite(value) && value > 0 ? value : 10;
}

function tile(hit, rank) {
  const li = document.createElement("li");
  li.dataset.id = hit.id;
  if (hit.distance !== undefined) {
    li.dataset.distance = hit.distance;
  }
  const img = document.createElement("img");
  img.alt = hit.path || ("item " + hit.id);
  img.loading = "lazy";
  if (hit.path) {
    img.src = "/api/items/" + encodeURIComponent(hit.id) + "/image?size=96";
  }
  li.appendChild(img);
  const caption = document.createElement("div");
  if (rank !== undefined) {
    const d = document.createElement("div");
    d.className = "distance";
    d.textContent = "#" + (rank + 1) + " · distance " + hit.distance;
    caption.appendChild(d);
  }
  const id = document.createElement("div");
  id.textContent = "id " + hit.id;
  caption.appendChild(id);
  if (hit.path) {
    const p = document.createElement("div");
    p.className = "path";
    p.textContent = hit.path;
    caption.appendChild(p);
  }
  li.appendChild(caption);
  li.addEventListener("click", () => searchByItem(hit.id));
  return li;
}

function show(results, what) {
  const list = $("results");
  list.replaceChildren(...results.map((hit, rank) => tile(hit, rank)));
  list.dataset.query = what;
  status(results.length + " results for " + what);
}

async function searchByImage(file) {
  if (!info || !info.image_search) {
    status("this server has no model: start it with --model to search by image", true);
    return;
  }
  $("query-preview").replaceChildren();
  const preview = document.createElement("img");
  preview.src = URL.createObjectURL(file);
  preview.alt = file.name;
  $("query-preview").appendChild(preview);
  status("searching " + file.name + " …");
  const form = new FormData();
  form.append("image", file);
  form.append("k", String(k()));
  try {
    const body = await api("/api/search/image", { method: "POST", body: form });
    show(body.results[0], file.name);
  } catch (e) {
    status(e.message, true);
  }
}

async function searchByItem(id) {
  status("searching with item " + id + " …");
  try {
    const item = await api("/api/items/" + encodeURIComponent(id));
    const body = await api("/api/search", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ codes: [item.code], k: k() }),
    });
    $("query-preview").replaceChildren(tile(item));
    show(body.results[0], "item " + id);
  } catch (e) {
    status(e.message, true);
  }
}

async function loadItems() {
  try {
    const page = await api("/api/items?offset=" + nextOffset + "&limit=24");
    page.items.forEach((item) => $("items").appendChild(tile(item)));
    nextOffset += page.items.length;
    $("more").hidden = nextOffset >= page.size;
  } catch (e) {
    status(e.message, true);
  }
}

async function start() {
  try {
    info = await api("/api/info");
    $("info").textContent = info.size.toLocaleString("en") + " codes of " + info.bits + " bits (" + info.kind + ")"
      + (info.image_search ? ", image search with model " + info.model : ", no model: search by clicking an item");
    $("info").dataset.size = info.size;
    $("info").dataset.bits = info.bits;
    $("k").max = info.max_k;
    $("drop-note").textContent = "up to " + Math.floor(info.max_upload_bytes / 1024) + " KiB";
  } catch (e) {
    status(e.message, true);
    return;
  }
  loadItems();
}

$("file").addEventListener("change", (e) => {
  if (e.target.files.length > 0) {
    searchByImage(e.target.files[0]);
  }
});
const drop = $("drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  if (e.dataTransfer.files.length > 0) {
    searchByImage(e.dataTransfer.files[0]);
  }
});
$("more").addEventListener("click", loadItems);
start();
