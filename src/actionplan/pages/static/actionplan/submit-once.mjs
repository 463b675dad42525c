// A form carrying a one-time token is sent once: its buttons are disabled after the first click.
// The server refuses a second save anyway; this only spares the person a second wait.
export function submitOnce(root) {
  root.addEventListener("submit", (event) => {
    const form = event.target;
    // A submission another script stopped (checking a field, say) was not sent: the buttons stay.
    if (event.defaultPrevented || !form.querySelector('input[name="submission_token"]')) return;
    if (form.dataset.submitted) {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "true";
    // Disabled after the browser has collected the form, so that the clicked button's name and value are sent.
    setTimeout(() => {
      for (const button of form.querySelectorAll('button[type="submit"], button:not([type]), input[type="submit"]')) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
      }
    });
  });
  // Coming back to the page with the browser's back button finds its buttons ready again.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    for (const form of root.querySelectorAll("form[data-submitted]")) {
      delete form.dataset.submitted;
      for (const button of form.querySelectorAll("button, input[type='submit']")) {
        button.disabled = false;
        button.removeAttribute("aria-disabled");
      }
    }
  });
}
