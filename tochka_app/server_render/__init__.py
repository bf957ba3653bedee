"""Public pages rendered on the server with their data, so the first HTML holds the content.

Reflex 0.10 prerenders each page once, at build time, with the state's *defaults* (an empty
landing, "no tariffs yet"); the data arrives later over the websocket. For a public page the
backend now does what the websocket would do, before answering the HTTP request:

1. `page_state.page_state()` makes a throwaway state tree, gives it the request's address and runs
   the page's own `on_load` handlers (the same code the websocket runs, the same services), then
   takes the state delta Reflex itself would send;
2. `renderer.Renderer` asks a long-lived bun process (`render_server.mjs`, next to the build in
   `.web/`) to render the page with React Router's server build, which React Router already makes
   for prerendering, with that state;
3. `api/public_pages.py` sends that HTML with the state as JSON in the head (`STATE_ELEMENT_ID`),
   and the browser's state store starts from it (`plugin.ServerStatePlugin` patches Reflex's
   `utils/context.jsx`), so hydration matches the HTML and nothing flashes. When the websocket
   hydrates, the backend skips substates that still hold their defaults and `on_load` sends the
   same values again.

If the renderer is missing, slow or broken the page is served as before (prerendered defaults,
data over the websocket): slower, never wrong.
"""

STATE_ELEMENT_ID = "tochka-state"
