// The session timeout warning: a modal dialog some minutes before a signed-in session ends for want of use.
// "Stay signed in" (or Escape) starts the idle timeout again through a small request, so the page and whatever
// was typed into it stay as they are; if nobody answers, the person is signed out and told so, unless they have
// used the service in another tab meanwhile.

// Seconds before the end at which the service is asked whether the sign-in is really ending.
const ASKED_BEFORE_END = 2;

function describe(seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

class TimeoutWarning {
  constructor(dialog) {
    this.dialog = dialog;
    this.warningSeconds = Number(dialog.dataset.warningSeconds);
    this.form = dialog.querySelector("form");
    this.countdown = dialog.querySelector(".app-timeout-dialog__countdown");
    this.returnFocus = null;
    dialog.querySelector("[data-timeout-stay]").addEventListener("click", () => this.stay());
    // Escape means "not now": the person is still there, so they stay signed in.
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      this.stay();
    });
  }

  start(secondsLeft) {
    clearTimeout(this.warningTimer);
    this.warningTimer = setTimeout(() => this.warn(), Math.max(0, secondsLeft - this.warningSeconds) * 1000);
    this.endIn(secondsLeft);
  }

  endIn(secondsLeft) {
    clearTimeout(this.endTimer);
    this.endsAt = Date.now() + secondsLeft * 1000;
    // Asked a moment before the end, while the sign-in still answers: asked after, it is refused.
    this.endTimer = setTimeout(() => this.end(), Math.max(0, secondsLeft - ASKED_BEFORE_END) * 1000);
  }

  // The person may be using the service in another tab: ask the service how long is really left.
  async secondsLeft() {
    const response = await fetch(this.dialog.dataset.sessionUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    return response.ok ? (await response.json()).seconds_left : 0;
  }

  async warn() {
    const left = await this.secondsLeft().catch(() => this.warningSeconds);
    if (left > this.warningSeconds) {
      this.start(left);
      return;
    }
    this.endIn(left);
    this.returnFocus = document.activeElement;
    this.tick();
    this.ticker = setInterval(() => this.tick(), 1000);
    this.dialog.showModal();
  }

  async end() {
    const left = await this.secondsLeft().catch(() => 0);
    if (left <= ASKED_BEFORE_END) {
      this.signOut();
    } else if (left > this.warningSeconds) {
      this.close();
      this.start(left);
    } else {
      this.endIn(left);
    }
  }

  close() {
    clearInterval(this.ticker);
    if (this.dialog.open) {
      this.dialog.close();
      if (this.returnFocus && document.contains(this.returnFocus)) {
        this.returnFocus.focus();
      }
    }
  }

  tick() {
    this.countdown.textContent = describe(Math.max(0, Math.ceil((this.endsAt - Date.now()) / 1000)));
  }

  async stay() {
    let answer;
    try {
      const response = await fetch(this.dialog.dataset.sessionUrl, {
        method: "POST",
        body: new FormData(this.form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        // The sign-in has ended already (or its form token has gone): say so rather than pretend.
        this.signOut();
        return;
      }
      answer = await response.json();
    } catch {
      return; // the network failed: the dialog stays open, so the person can try again
    }
    this.close();
    this.start(answer.seconds_left);
  }

  signOut() {
    clearTimeout(this.warningTimer);
    clearTimeout(this.endTimer);
    clearInterval(this.ticker);
    const next = document.createElement("input");
    next.type = "hidden";
    next.name = "next";
    next.value = this.dialog.dataset.signedOutUrl;
    this.form.append(next);
    this.form.submit();
  }
}

export function startTimeoutWarning(root) {
  const dialog = root.querySelector('[data-module="app-timeout-warning"]');
  if (dialog && typeof dialog.showModal === "function") {
    new TimeoutWarning(dialog).start(Number(dialog.dataset.secondsLeft));
  }
}
