/* The site's one script, loaded in <head> without defer on every page: its first lines
   set the reader's theme before the page paints (no flash, no inline script); the rest
   waits for the document and acts only on a page that has its elements. */

/* Theme: the reader's choice (localStorage "theme": "light" or "dark") over the system's
   (prefers-color-scheme); site.css reads data-theme on <html>. The toggle shows once the
   page is read: aria-pressed says whether the dark theme is on. */
(() => {
  "use strict";
  const root = document.documentElement;
  const system = matchMedia("(prefers-color-scheme: dark)");
  try {
    const choice = localStorage.getItem("theme");
    if (choice === "light" || choice === "dark") root.dataset.theme = choice;
  } catch (error) {} // storage blocked: follow the system
  const dark = () => (root.dataset.theme || (system.matches ? "dark" : "light")) === "dark";

  document.addEventListener("DOMContentLoaded", () => {
    const button = document.querySelector("[data-theme-toggle]");
    if (!button) return;
    const sync = () => button.setAttribute("aria-pressed", dark());
    button.addEventListener("click", () => {
      root.dataset.theme = dark() ? "light" : "dark";
      try {
        localStorage.setItem("theme", root.dataset.theme);
      } catch (error) {} // applied to this page, not remembered
      sync();
    });
    sync();
    button.hidden = false;

    // Sharing: the system's share sheet where there is one (the plain links stay).
    const share = document.querySelector("[data-share]");
    if (share && navigator.share) {
      share.hidden = false;
      share.onclick = () =>
        navigator.share({ title: document.title, url: document.querySelector("link[rel=canonical]").href }).catch(() => {});
    }
  });
  // Printing: every slide's text open.
  addEventListener("beforeprint", () =>
    document.querySelectorAll(".deck__text").forEach((details) => (details.open = true)),
  );
})();

/* Slide viewer: the no-JavaScript list of slides becomes a WAI-ARIA APG carousel
   (buttons, live counter, thumbnails, keys, swipe, fullscreen, #slide-n links).
   Only classes and `hidden` change here; the look is in static/css/site.css. */
(() => {
  "use strict";

  const SWIPE_MIN_PX = 50;

  function initDeck(deck) {
    const slides = Array.from(deck.querySelectorAll("[data-deck-slide]"));
    const controls = deck.querySelector("[data-deck-controls]");
    const prev = deck.querySelector("[data-deck-prev]");
    const next = deck.querySelector("[data-deck-next]");
    const counter = deck.querySelector("[data-deck-counter]");
    const fullscreen = deck.querySelector("[data-deck-fullscreen]");
    const viewport = deck.querySelector("[data-deck-slides]");
    const thumbs = deck.querySelector("[data-deck-thumbs]");
    const links = thumbs ? Array.from(thumbs.querySelectorAll("a")) : [];
    if (!slides.length || !controls || !prev || !next || !counter || !viewport) {
      return;
    }
    let current = 0;

    // In a right-to-left page "next" sits on the left: ArrowLeft moves forward.
    const isRtl = () => getComputedStyle(deck).direction === "rtl";

    // The slide a #fragment names, or -1 for any other fragment: one that is not
    // valid percent-encoding ("#%E0%A4%A", "#%") or names no slide is ignored.
    function indexOfHash() {
      let id;
      try {
        id = decodeURIComponent(window.location.hash.slice(1));
      } catch (error) {
        return -1;
      }
      return id ? slides.findIndex((slide) => slide.id === id) : -1;
    }

    function warm(index) {
      // Start loading the next slide's image before the reader asks for it.
      const image = slides[index] && slides[index].querySelector("img");
      if (image) {
        image.loading = "eager";
      }
    }

    function show(index) {
      current = index;
      slides.forEach((slide, i) => {
        slide.hidden = i !== index;
      });
      links.forEach((link, i) => {
        if (i === index) {
          link.setAttribute("aria-current", "true");
        } else {
          link.removeAttribute("aria-current");
        }
      });
      counter.textContent = counter.dataset.template
        .replace("{n}", String(index + 1))
        .replace("{total}", String(slides.length));
      prev.setAttribute("aria-disabled", String(index === 0));
      next.setAttribute("aria-disabled", String(index === slides.length - 1));
      warm(index + 1);
    }

    function go(index) {
      if (index < 0 || index >= slides.length || index === current) {
        return;
      }
      show(index);
      // Replace, not push: paging through a deck should not flood the history.
      window.history.replaceState(null, "", "#" + slides[index].id);
    }

    prev.addEventListener("click", () => go(current - 1));
    next.addEventListener("click", () => go(current + 1));
    links.forEach((link, i) => {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        go(i);
      });
    });

    deck.addEventListener("keydown", (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      const forward = isRtl() ? "ArrowLeft" : "ArrowRight";
      const backward = isRtl() ? "ArrowRight" : "ArrowLeft";
      const targets = {
        [forward]: current + 1,
        [backward]: current - 1,
        Home: 0,
        End: slides.length - 1,
      };
      if (!(event.key in targets)) {
        return;
      }
      event.preventDefault();
      go(targets[event.key]);
    });

    let touchStart = null;
    viewport.addEventListener(
      "touchstart",
      (event) => {
        touchStart = event.touches.length === 1 ? event.touches[0] : null;
      },
      { passive: true },
    );
    viewport.addEventListener(
      "touchend",
      (event) => {
        if (!touchStart) {
          return;
        }
        const dx = event.changedTouches[0].clientX - touchStart.clientX;
        const dy = event.changedTouches[0].clientY - touchStart.clientY;
        touchStart = null;
        if (Math.abs(dx) < SWIPE_MIN_PX || Math.abs(dx) < Math.abs(dy)) {
          return;
        }
        // Swiping towards the side "next" sits on pulls the next slide in.
        const towardsNext = isRtl() ? dx > 0 : dx < 0;
        go(current + (towardsNext ? 1 : -1));
      },
      { passive: true },
    );

    if (fullscreen && document.fullscreenEnabled && deck.requestFullscreen) {
      fullscreen.hidden = false;
      fullscreen.addEventListener("click", () => {
        if (document.fullscreenElement === deck) {
          document.exitFullscreen();
        } else {
          deck.requestFullscreen().catch(() => {});
        }
      });
      document.addEventListener("fullscreenchange", () => {
        const on = document.fullscreenElement === deck;
        fullscreen.setAttribute("aria-pressed", String(on));
        deck.classList.toggle("deck--fullscreen", on);
        // The slide now fills the screen: let the browser pick a larger rendition.
        deck.querySelectorAll(".deck__image").forEach((image) => {
          if (!image.dataset.sizes) {
            image.dataset.sizes = image.sizes;
          }
          image.sizes = on ? "100vw" : image.dataset.sizes;
        });
      });
    }

    window.addEventListener("hashchange", () => {
      const index = indexOfHash();
      if (index >= 0) {
        show(index);
        deck.scrollIntoView({ block: "start" });
      }
    });

    const start = indexOfHash();
    show(start >= 0 ? start : 0);
    deck.classList.add("deck--enhanced");
    controls.hidden = false;
    if (thumbs) {
      thumbs.hidden = false;
    }
    if (start >= 0) {
      // The browser scrolled to the slide while all slides were still listed; on a
      // reload it may also restore the old scroll position after this script ran.
      if ("scrollRestoration" in history) {
        history.scrollRestoration = "manual";
      }
      deck.scrollIntoView({ block: "start" });
      window.addEventListener("load", () => deck.scrollIntoView({ block: "start" }), {
        once: true,
      });
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-deck]").forEach(initDeck);
  });
})();

// Progressive enhancement for the comment form; without it, reply links reload the page.
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const form = document.getElementById("comment-form");
  if (!form) return;
  const parent = form.querySelector("input[name=parent]");
  const box = document.getElementById("comment-form-replying");
  const label = box && box.querySelector("[data-reply-label]");
  const body = form.querySelector("textarea[name=body]");

  // After a failed send, take keyboard and screen-reader users to the list of problems.
  const errors = document.getElementById("comment-form-errors");
  if (errors) errors.focus();

  // The page (and its form token) may come from a cache: when the reader starts writing,
  // ask for a token whose time is now. If that fails, the page's token still works
  // after one "please confirm" step. A form sent back already holds a fresh token.
  const tokenUrl = form.dataset.tokenUrl;
  const token = form.querySelector("input[name=token]");
  let request = null;
  let settled = false;
  const freshToken = () =>
    (request ||= fetch(tokenUrl, { credentials: "omit", cache: "no-store" })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (data && data.token) token.value = data.token;
      })
      .catch(() => {})
      .then(() => {
        settled = true;
      }));

  if (tokenUrl && token && window.fetch) {
    form.addEventListener("focusin", freshToken);
    form.addEventListener("submit", (event) => {
      if (settled) return;
      event.preventDefault(); // send once the fresh token is in the form
      freshToken().then(() => form.submit());
    });
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-reply-to]");
    const cancel = event.target.closest("[data-reply-cancel]");
    if (!parent || !box || (link && !label) || !(link || cancel)) return;
    event.preventDefault();
    parent.value = link ? link.dataset.replyTo : "";
    if (link) label.textContent = link.dataset.replyName;
    box.hidden = !link;
    body.focus();
  });
});
