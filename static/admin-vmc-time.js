'use strict';
// Session times are wall-clock times in Vienna (TimeField), not instants, so an editor in
// another time zone must not be told "Note: You are 1 hour behind server time" under them.
// Django's DateTimeShortcuts.js reads <body data-admin-utc-offset> on the window's 'load'
// event; DOMContentLoaded comes first, so removing the attribute here turns the note off.
document.addEventListener('DOMContentLoaded', function() {
    delete document.body.dataset.adminUtcOffset;
});
