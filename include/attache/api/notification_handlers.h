// What the caller has been told: GET /api/notifications (unread first, then newest; ?unread=1,
// ?limit=, ?before=<id> for the next page), GET /api/notifications/unread-count (cheap, for the
// navigation's badge), POST /api/notifications/{id}/read, POST /api/notifications/read-all;
// and the caller's e-mail settings: GET|PATCH /api/me/notification-settings.
// Each user sees and changes only their own.
#pragma once

#include "attache/api/routes.h"

namespace attache::api {

http::Response ListNotifications(AppContext& ctx, http::Request& request,
                                 const service::Principal& p);
http::Response UnreadNotificationCount(AppContext& ctx, http::Request& request,
                                       const service::Principal& p);
http::Response MarkNotificationRead(AppContext& ctx, http::Request& request,
                                    const service::Principal& p);
http::Response MarkAllNotificationsRead(AppContext& ctx, http::Request& request,
                                        const service::Principal& p);
http::Response GetNotificationSettings(AppContext& ctx, http::Request& request,
                                       const service::Principal& p);
http::Response PatchNotificationSettings(AppContext& ctx, http::Request& request,
                                         const service::Principal& p);

}  // namespace attache::api
