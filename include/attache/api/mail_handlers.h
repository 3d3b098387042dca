// The e-mail outbox for administrators: the list with its errors, a test message, a retry.
// Each answers 403 to anyone but an administrator.
#pragma once

#include "attache/api/routes.h"

namespace attache::api {

// GET /api/admin/mail?status=pending|sent|failed&limit=&cursor=: messages newest first.
http::Response ListMail(AppContext& ctx, http::Request& request, const service::Principal& p);
// POST /api/admin/mail/test {"to"}: queues a test message (202); 409 when e-mail is off.
http::Response SendTestMail(AppContext& ctx, http::Request& request, const service::Principal& p);
// POST /api/admin/mail/{id}/retry: a failed or pending message is due again at once (200);
// 409 when it was sent already or e-mail is off.
http::Response RetryMail(AppContext& ctx, http::Request& request, const service::Principal& p);

}  // namespace attache::api
