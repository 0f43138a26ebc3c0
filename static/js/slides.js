/*
 * Slide viewer: turns the plain list of slides (what readers get without
 * JavaScript) into a carousel after the WAI-ARIA APG pattern: one slide at a
 * time, previous/next buttons, a live "slide n of m" counter, thumbnails,
 * keyboard arrows, swipe, fullscreen and a #slide-n deep link.
 *
 * Only classes and the hidden attribute change here; the look is in
 * static/css/slides.css (the site's CSP forbids inline styles).
 */
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

    function indexOfHash() {
      const id = decodeURIComponent(window.location.hash.slice(1));
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
