package server

import "github.com/segsync/segsync/parser"

// The codes of the answers the handler gives before (or instead of) running a
// program; payload errors carry the parser's codes.
const (
	CodeNotFound             parser.Code = "not_found"              // 404: no such endpoint or integration
	CodeMethodNotAllowed     parser.Code = "method_not_allowed"     // 405: not POST
	CodeForbidden            parser.Code = "forbidden"              // 403: missing or wrong access token
	CodeUnsupportedMediaType parser.Code = "unsupported_media_type" // 415: not JSON in UTF-8, or encoded (gzip, ...)
	CodeBadRequest           parser.Code = "bad_request"            // 400: the body could not be read
	CodeTimeout              parser.Code = "timeout"                // 408: the body did not arrive in time
	CodeOverloaded           parser.Code = "overloaded"             // 503: the in-flight byte budget stayed full
	CodeShuttingDown         parser.Code = "shutting_down"          // 503: the server stopped before the body was read
)
