// Shows the page was loaded with its script: the paragraph gets the time it was rendered.
document.getElementById('clock').textContent += ` — ${new Date().toLocaleTimeString()}`;
