// Runs before the first paint: a URL with a query string asks for another view than the one
// prerendered, so its charts are dimmed until the page has queried the right figures.
if (location.search.length > 1) document.documentElement.classList.add('has-query');
