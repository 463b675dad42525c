// Start GOV.UK Frontend and MOJ Frontend components on every page.
import { initAll } from "/static/govuk-frontend/dist/govuk/govuk-frontend.min.js";
import { submitOnce } from "./submit-once.mjs";

initAll();
submitOnce(document);
