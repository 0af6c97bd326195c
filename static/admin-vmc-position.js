'use strict';
// When a person is chosen for a participation and the position is still empty, offer the
// position they held most recently (from /admin/speakers/person/<id>/latest-position/).
// The editor sees it as a suggestion and takes it with one click, or types another.
{
    const $ = django.jQuery;

    function adminRoot(select) {
        // Person selects are autocomplete widgets: data-ajax--url is "<admin>/autocomplete/".
        return (select.getAttribute('data-ajax--url') || '').replace(/autocomplete\/$/, '');
    }

    function hintFor(input) {
        let hint = input.parentNode.querySelector('.vmc-suggestion');
        if (!hint) {
            hint = document.createElement('p');
            hint.className = 'vmc-suggestion';
            input.after(hint);
        }
        hint.replaceChildren();
        return hint;
    }

    function offer(select) {
        if (!/(^|-)person$/.test(select.name)) {
            return;
        }
        const input = document.querySelector(
            'input[name="' + select.name.replace(/person$/, 'position') + '"]'
        );
        const root = adminRoot(select);
        if (!input || !root) {
            return;
        }
        const hint = hintFor(input);
        input.placeholder = '';
        if (!select.value || input.value.trim()) {
            return;
        }
        const url = root + 'speakers/person/' + encodeURIComponent(select.value) + '/latest-position/';
        fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
            .then((response) => response.ok ? response.json() : null)
            .then((data) => {
                if (!data || !data.position || input.value.trim()) {
                    return;
                }
                input.placeholder = data.position;
                const use = document.createElement('button');
                use.type = 'button';
                use.className = 'vmc-use-suggestion';
                use.textContent = 'Use it';
                use.addEventListener('click', function() {
                    input.value = data.position;
                    hint.replaceChildren();
                });
                hint.append('Suggested (their position in ' + data.year + '): ', use);
            });
    }

    // select2 announces a choice with a jQuery 'change' event on the original <select>.
    $(document).on('change', 'select', function() {
        offer(this);
    });
}
