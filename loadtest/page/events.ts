/**
 * The server's views as they change (Server-Sent Events at /events). The server says `end` when it
 * goes away, so the page keeps its last view instead of retrying a closed port.
 */
export function subscribe(onView: (view: unknown) => void, onEnd: () => void): void {
  const source = new EventSource('/events');
  source.onmessage = (event) => onView(JSON.parse(event.data));
  source.addEventListener('end', () => {
    source.close();
    onEnd();
  });
}
