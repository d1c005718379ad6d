// Served as text/javascript: the browser runs it only if the MIME type is right.
document.getElementById('status').textContent = 'JavaScript loaded (MIME type OK)';
