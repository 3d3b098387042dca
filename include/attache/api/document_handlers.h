// The documents of proposals: upload (a new document or a new version of one), the list with
// its history, and download. Thin: read the form, ask service::Documents, shape the answer.
#pragma once

#include "attache/api/routes.h"

namespace attache::api {

// POST /api/proposals/{id}/documents (multipart/form-data: type, file, replaces?) → 201.
http::Response UploadDocument(AppContext& ctx, http::Request& request, const service::Principal& p);
// GET /api/proposals/{id}/documents → every document, current and replaced, newest first.
http::Response ListDocuments(AppContext& ctx, http::Request& request, const service::Principal& p);
// GET /api/documents/{id} → the bytes, as an attachment.
http::Response DownloadDocument(AppContext& ctx, http::Request& request,
                                const service::Principal& p);

}  // namespace attache::api
