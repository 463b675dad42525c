// Start GOV.UK Frontend and MOJ Frontend components on every page, and the session timeout warning when signed in.
import { initAll } from "/static/govuk-frontend/dist/govuk/govuk-frontend.min.js";
import { submitOnce } from "./submit-once.mjs";
import { startTimeoutWarning } from "./timeout-warning.mjs";

initAll();
submitOnce(document);
startTimeoutWarning(document);
