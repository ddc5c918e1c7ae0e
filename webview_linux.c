// The kiosk's hook on the WebKitGTK web view that Wails v2 creates but does
// not expose: found among the toplevel windows, it reloads the page when
// WebKit's web process dies (see webview_linux.go). GTK main thread only.

#include <gtk/gtk.h>
#include <webkit2/webkit2.h>

#include "_cgo_export.h"

// find_web_view walks a widget tree depth first for the first WebKitWebView.
static WebKitWebView *find_web_view(GtkWidget *widget)
{
    if (WEBKIT_IS_WEB_VIEW(widget))
        return WEBKIT_WEB_VIEW(widget);
    if (!GTK_IS_CONTAINER(widget))
        return NULL;
    WebKitWebView *found = NULL;
    GList *children = gtk_container_get_children(GTK_CONTAINER(widget));
    for (GList *l = children; l != NULL && found == NULL; l = l->next)
        found = find_web_view(GTK_WIDGET(l->data));
    g_list_free(children);
    return found;
}

// on_web_process_terminated runs on the main thread when the web process has
// gone; Go logs it and says whether to reload (0 while the kiosk quits).
static void on_web_process_terminated(WebKitWebView *view, WebKitWebProcessTerminationReason reason, gpointer data)
{
    if (motcuaWebProcessTerminated((int)reason))
        webkit_web_view_reload(view);
}

// hook_web_view is the idle callback: it connects the handler once and tells
// Go whether a web view was found.
static gboolean hook_web_view(gpointer data)
{
    WebKitWebView *view = NULL;
    GList *tops = gtk_window_list_toplevels();
    for (GList *l = tops; l != NULL && view == NULL; l = l->next)
        view = find_web_view(GTK_WIDGET(l->data));
    g_list_free(tops);
    if (view != NULL)
        g_signal_connect(view, "web-process-terminated", G_CALLBACK(on_web_process_terminated), NULL);
    motcuaWebViewHooked(view != NULL);
    return G_SOURCE_REMOVE;
}

void motcua_hook_web_view(void)
{
    // Safe from any thread: the callback runs on the GTK main loop.
    g_idle_add(hook_web_view, NULL);
}
