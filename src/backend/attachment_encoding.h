// The attachment of a profile (docs/binary-policy.md §1.6): the DFA the kernel matches an
// executable's path against and then, across out-of-band transitions, the values of the xattrs the
// profile asks for; the length of its literal prefix, by which the kernel prefers the most specific
// attachment; and the names of the xattrs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backend/profile_context.h"

namespace aalint::backend {

struct AttachmentEncoding {
  std::string tables;                   // the packed DFA
  std::uint32_t length = 0;             // xmatch_len
  std::vector<std::string> xattrNames;  // in the order of the record and of the DFA
};

// nullopt when the profile attaches by its plain name (no DFA is written) or when the attachment
// cannot be encoded (then reported).
std::optional<AttachmentEncoding> encodeAttachment(ProfileContext& context);

}  // namespace aalint::backend
