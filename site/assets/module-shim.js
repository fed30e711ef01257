/* Lets a CommonJS file run as a classic script from file:// (no bundler, no modules): it
 * assigns `module.exports`, which this global receives. Loaded just before
 * assets/porter2/wink-porter2-stemmer.js on the search page. */
var module = { exports: {} };
