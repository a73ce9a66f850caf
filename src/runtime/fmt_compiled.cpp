// {fmt}'s formatting engine, compiled once for the whole program. Header-only mode compiles it
// into every file that formats (a copy of its float formatting alone is 10 KB per file), which made
// three quarters of a megabyte of aalint's code; a static binary cannot use Debian's shared libfmt.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {
template auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl<char>(locale_ref) -> char;
}  // namespace detail
FMT_END_NAMESPACE
