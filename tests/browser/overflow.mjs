// What the browser scripts share about sideways scrolling (axe_check.mjs, screens.mjs).

// Runs in the page (page.evaluate(findOverflow)): the elements that stick out to the right of the
// window, outside any scrolling container, as [{target: [selector], summary}]; none when the page
// does not scroll sideways.
export function findOverflow() {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const clipped = (element) => {
    for (let e = element.parentElement; e && e !== document.body; e = e.parentElement) {
      if (getComputedStyle(e).overflowX !== "visible") return true;
    }
    return false;
  };
  const describe = (e) =>
    e.tagName.toLowerCase() + (e.id ? `#${e.id}` : "") + [...e.classList].map((c) => `.${c}`).join("");
  const wide = [...document.body.querySelectorAll("*")].filter(
    (e) => e.getBoundingClientRect().right > width + 0.5 && !clipped(e),
  );
  // The innermost ones are the cause; their ancestors only contain them.
  const causes = wide.filter((e) => !wide.some((other) => other !== e && e.contains(other)));
  return (causes.length ? causes : [document.documentElement]).slice(0, 10).map((e) => {
    const text = e.textContent.trim().replace(/\s+/g, " ").slice(0, 60);
    return { target: [describe(e)], summary: `ends at ${Math.round(e.getBoundingClientRect().right)}px: ${text}` };
  });
}
