// The Bootstrap Italia components WeMi's templates use, bundled by theme/build.mjs from
// Bootstrap Italia's ES modules. The full bundle (1 MB: video player, carousel, masonry...)
// blocked the main thread for longer than every page's own work.
// Importing a component registers its data attributes (data-bs-toggle="dropdown", ...).
import "bootstrap-italia/dist/plugins/init.js"; // keyboard/mouse focus styles
import Accordion from "bootstrap-italia/dist/plugins/accordion.js"; // arrow keys in FAQs
import Collapse from "bootstrap-italia/dist/plugins/collapse.js";
import Dropdown from "bootstrap-italia/dist/plugins/dropdown.js";
import NavBarCollapsible from "bootstrap-italia/dist/plugins/navbar-collapsible.js";
// The fonts are declared in the stylesheet (see theme/build.mjs), not by Bootstrap Italia's
// loadFonts(), which declares them only once this script has run.

window.bootstrap = { Accordion, Collapse, Dropdown, NavBarCollapsible };
