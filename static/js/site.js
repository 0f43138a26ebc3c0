/* The site's one script: each part acts only on a page that has its elements. */

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

  document.querySelectorAll("[data-deck]").forEach(initDeck);
})();

// Progressive enhancement for the comment form; without it, reply links reload the page.
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  if (!form) return;
  var parent = form.querySelector("input[name=parent]");
  var box = document.getElementById("comment-form-replying");
  var label = box && box.querySelector("[data-reply-label]");
  var body = form.querySelector("textarea[name=body]");

  // After a failed send, take keyboard and screen-reader users to the list of problems.
  var errors = document.getElementById("comment-form-errors");
  if (errors) errors.focus();

  // The page (and its form token) may come from a cache: when the reader starts writing,
  // ask for a token whose time is now. If that fails, the page's token still works
  // after one "please confirm" step. A form sent back already holds a fresh token.
  var tokenUrl = form.getAttribute("data-token-url");
  var token = form.querySelector("input[name=token]");
  var request = null;
  var settled = false;

  function freshToken() {
    if (!request) {
      request = fetch(tokenUrl, { credentials: "omit", cache: "no-store" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && data.token) token.value = data.token; })
        .catch(function () {})
        .then(function () { settled = true; });
    }
    return request;
  }

  if (tokenUrl && token && window.fetch) {
    form.addEventListener("focusin", freshToken);
    form.addEventListener("submit", function (event) {
      if (settled) return;
      event.preventDefault();  // send once the fresh token is in the form
      freshToken().then(function () { form.submit(); });
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-reply-to]");
    if (link && parent && box && label) {
      event.preventDefault();
      parent.value = link.getAttribute("data-reply-to");
      label.textContent = link.getAttribute("data-reply-name");
      box.hidden = false;
      body.focus();
      return;
    }
    var cancel = event.target.closest("[data-reply-cancel]");
    if (cancel && parent && box) {
      event.preventDefault();
      parent.value = "";
      box.hidden = true;
      body.focus();
    }
  });
})();
