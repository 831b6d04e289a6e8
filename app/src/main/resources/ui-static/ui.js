// The pages work without this file; it adds what a plain form cannot: an upload's progress, showing only
// the chosen rule's fields, and a confirmation before an action that cannot be undone.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('form[data-confirm]').forEach(form => form.addEventListener('submit', event => {
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  }));

  document.querySelectorAll('select[data-rule-type]').forEach(select => {
    const show = () => select.closest('tr').querySelectorAll('[data-rule]')
      .forEach(part => { part.hidden = part.dataset.rule !== select.value; });
    select.addEventListener('change', show);
    show();
  });

  const upload = document.getElementById('upload');
  if (upload) {
    upload.addEventListener('submit', event => {
      event.preventDefault();
      sendWithProgress(upload);
    });
  }
});

// XMLHttpRequest, because fetch() reports no upload progress. The answer is the new row of the table,
// rendered (and escaped) by the server; htmx then polls it until processing ends.
function sendWithProgress(form) {
  const bar = document.getElementById('upload-progress');
  const percent = document.getElementById('upload-percent');
  const error = document.getElementById('upload-error');
  const button = document.getElementById('upload-button');
  const show = value => { bar.value = value; percent.textContent = value + ' %'; };
  const fail = message => { error.textContent = message; error.hidden = false; button.disabled = false; };
  const xhr = new XMLHttpRequest();
  xhr.open('POST', form.action);
  xhr.setRequestHeader('X-CSRF-Token', form.elements['_csrf'].value);
  xhr.upload.onprogress = e => { if (e.lengthComputable) show(Math.floor(100 * e.loaded / e.total)); };
  xhr.onload = () => {
    if (xhr.status !== 202) {
      // The server answers a refusal with a page in the user's language; its error block is the reason.
      // The framework's own refusals (413, a broken request) are still the API's JSON.
      const said = new DOMParser().parseFromString(xhr.responseText, 'text/html').getElementById('form-error');
      let reason = 'HTTP ' + xhr.status;
      try { reason = JSON.parse(xhr.responseText).message || reason; } catch (ignored) { /* an HTML page */ }
      fail(said ? said.textContent.replace(/\s+/g, ' ').trim() : form.dataset.failed + ': ' + reason);
      return;
    }
    show(100);
    const rows = document.getElementById('media-rows');
    rows.insertAdjacentHTML('afterbegin', xhr.responseText);
    htmx.process(rows.firstElementChild);
    document.getElementById('no-media')?.remove();
    form.reset();
    button.disabled = false;
  };
  xhr.onerror = () => fail(form.dataset.network);
  error.hidden = true;
  button.disabled = true;
  show(0);
  xhr.send(new FormData(form));
}
