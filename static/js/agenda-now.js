/* The agenda's "now" marker. During the conference, marks the session happening now (or, between
   sessions, the next one within three hours) and offers a link to jump to it. Times come from
   each session's data-start / data-end attributes: ISO datetimes with Vienna's offset, so the
   visitor's own time zone does not matter. Without JavaScript nothing is missing but the marker.
   Loaded with `defer` from the page's own origin (no inline script: see the CSP in settings). */
(function () {
  "use strict";

  var HOUR = 60 * 60 * 1000;
  var slot = document.querySelector("[data-agenda-now]");
  var sessions = document.querySelectorAll(".session[data-start]");
  if (!slot || !sessions.length) {
    return;
  }

  function span(el) {
    var start = Date.parse(el.getAttribute("data-start"));
    var endText = el.getAttribute("data-end");
    var end = endText ? Date.parse(endText) : start + HOUR; // no end given: an hour
    return { start: start, end: end };
  }

  var now = Date.now();
  var current = null;
  var next = null;
  var nextStart = Infinity;
  Array.prototype.forEach.call(sessions, function (el) {
    var when = span(el);
    if (isNaN(when.start)) {
      return;
    }
    if (!current && when.start <= now && now < when.end) {
      current = el;
    }
    if (when.start > now && when.start < nextStart) {
      next = el;
      nextStart = when.start;
    }
  });
  var target = current || (next && nextStart - now <= 3 * HOUR ? next : null);
  if (!target) {
    return;
  }

  var title = target.querySelector(".session__title a");
  var name = title ? title.textContent.replace(/\s+/g, " ").trim() : "";
  target.classList.add(current ? "session--now" : "session--next");
  var format = target.querySelector(".session__format");
  if (format) {
    var tag = document.createElement("span");
    tag.className = "tag tag--now";
    tag.textContent = current ? "Now" : "Next";
    format.insertBefore(tag, format.firstChild);
    format.insertBefore(document.createTextNode(" "), tag.nextSibling);
  }

  var link = document.createElement("a");
  link.href = "#" + target.id;
  link.textContent = current ? "Jump to the current session" : "Jump to the next session";
  slot.textContent = (current ? "Happening now: " : "Next: ") + name + ". ";
  slot.appendChild(link);
  slot.hidden = false;

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  link.addEventListener("click", function (event) {
    event.preventDefault();
    target.scrollIntoView({ behavior: reduceMotion ? "auto" : "smooth", block: "start" });
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", link.hash);
    }
    if (title) {
      title.focus({ preventScroll: true });
    }
  });
})();
