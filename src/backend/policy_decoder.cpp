#include "backend/policy_decoder.h"

#include <fmt/format.h>

#include "backend/tagged_stream.h"

namespace aalint::backend {

const char* dfaRoleName(DecodedDfa::Role role) {
  switch (role) {
    case DecodedDfa::Role::Attachment: return "attachment";
    case DecodedDfa::Role::Policy: return "policydb";
    case DecodedDfa::Role::File: return "file";
  }
  return "dfa";
}

namespace {

class RecordDecoder {
public:
  RecordDecoder(const std::string& buffer, DecodedPolicy& out) : buffer_(buffer), out_(out) {}

  void fail(std::size_t offset, std::string message) {
    if (!out_.error) out_.error = DecodeError{offset, std::move(message)};
  }

  std::optional<DecodedDfa> dfa(const Element& blob, DecodedDfa::Role role) {
    std::size_t pad = blob.blobLength % 8;
    for (std::size_t i = 0; i < pad; ++i)
      if (buffer_[blob.blobOffset + i] != '\0') {
        fail(blob.offset, "the padding before a DFA is not zero");
        return std::nullopt;
      }
    DecodedDfa d;
    d.role = role;
    d.offset = blob.blobOffset + pad;
    std::string error;
    auto tables = DfaTables::parse(buffer_.substr(d.offset, blob.blobLength - pad), error);
    if (!tables) {
      fail(d.offset, fmt::format("{} DFA: {}", dfaRoleName(role), error));
      return std::nullopt;
    }
    d.tables = std::move(*tables);
    return d;
  }

  void setStart(DecodedDfa& d, std::uint64_t start, std::size_t offset) {
    if (start >= d.tables.stateCount()) fail(offset, fmt::format("start state {} is not a state of the DFA", start));
    d.start = static_cast<std::uint32_t>(start);
  }

  void profile(const Element& s, DecodedRecord& r) {
    const auto& c = s.children;
    std::size_t i = 0;
    if (c.empty() || c[0].code != ElementCode::String || !c[0].name.empty() || c[0].text.empty())
      return fail(s.offset, "a profile record must start with its name");
    r.name = c[i++].text;
    bool sawFlags = false;
    int capsWord = 0;
    for (; i < c.size() && !out_.error; ++i) {
      const Element& e = c[i];
      if (e.code == ElementCode::String && (e.name == "rename" || e.name == "attach" || e.name == "disconnected")) continue;
      if (e.code == ElementCode::Blob && e.name == "aadfa") {
        auto d = dfa(e, sawFlags ? DecodedDfa::Role::File : DecodedDfa::Role::Attachment);
        if (!d) return;
        if (!sawFlags) {
          if (i + 1 >= c.size() || c[i + 1].code != ElementCode::U32) return fail(e.offset, "an attachment DFA must be followed by its length");
          r.xmatchLength = static_cast<std::uint32_t>(c[++i].number);
        } else if (i + 1 < c.size() && c[i + 1].code == ElementCode::U32 && c[i + 1].name == "dfa_start") {
          ++i;
          setStart(*d, c[i].number, c[i].offset);
        }
        r.dfas.push_back(std::move(*d));
      } else if (e.code == ElementCode::Struct && e.name == "flags") {
        if (e.children.size() != 3) return fail(e.offset, "flags must hold three numbers");
        r.hatFlag = static_cast<std::uint32_t>(e.children[0].number);
        r.mode = static_cast<std::uint32_t>(e.children[1].number);
        r.audit = static_cast<std::uint32_t>(e.children[2].number);
        sawFlags = true;
      } else if (e.code == ElementCode::U32 && e.name == "path_flags") {
        r.pathFlags = static_cast<std::uint32_t>(e.number);
      } else if (e.code == ElementCode::U32 && e.name.empty() && sawFlags && capsWord < 4) {
        if (capsWord < 3) r.caps[static_cast<std::size_t>(capsWord)] |= e.number & 0xffffffffu;
        ++capsWord;
      } else if (e.code == ElementCode::Struct && e.name == "caps64") {
        for (std::size_t k = 0; k < 3 && k < e.children.size(); ++k) r.caps[k] |= (e.children[k].number & 0xffffffffu) << 32;
      } else if (e.code == ElementCode::Struct && e.name == "xattrs") {
        for (const Element& a : e.children)
          for (const Element& v : a.children) r.xattrs.push_back(v.text);
      } else if (e.code == ElementCode::Struct && e.name == "rlimits") {
        if (e.children.size() != 2 || e.children[1].code != ElementCode::Array) return fail(e.offset, "rlimits must hold a mask and an array");
        r.rlimitMask = static_cast<std::uint32_t>(e.children[0].number);
        for (const Element& v : e.children[1].children) r.rlimits.push_back(v.number);
      } else if (e.code == ElementCode::Struct && e.name == "policydb") {
        for (std::size_t k = 0; k < e.children.size(); ++k) {
          const Element& p = e.children[k];
          if (p.code == ElementCode::Blob && p.name == "aadfa") {
            auto d = dfa(p, DecodedDfa::Role::Policy);
            if (!d) return;
            if (k + 1 < e.children.size() && e.children[k + 1].name == "start") {
              ++k;
              setStart(*d, e.children[k].number, p.offset);
            }
            r.dfas.push_back(std::move(*d));
          }
        }
      } else if (e.code == ElementCode::Struct && e.name == "xtable") {
        for (const Element& a : e.children)
          for (const Element& v : a.children) r.xtable.push_back(v.text);
      } else if (e.name == "net_allowed_af" || e.name == "capsx" || e.name == "secmark" || e.name == "data") {
        continue;
      } else {
        return fail(e.offset, fmt::format("unexpected element{} in a profile record",
                                          e.name.empty() ? "" : " '" + e.name + "'"));
      }
    }
    if (!out_.error && !sawFlags) fail(s.offset, "a profile record must have flags");
  }

  void run(const std::vector<Element>& elements) {
    for (std::size_t i = 0; i < elements.size() && !out_.error;) {
      const Element& v = elements[i];
      if (v.code != ElementCode::U32 || v.name != "version") return fail(v.offset, "a record must start with its version");
      DecodedRecord r;
      r.offset = v.offset;
      r.version = static_cast<std::uint32_t>(v.number);
      ++i;
      if (i < elements.size() && elements[i].code == ElementCode::String && elements[i].name == "namespace")
        r.ns = elements[i++].text;
      if (i >= elements.size() || elements[i].code != ElementCode::Struct || elements[i].name != "profile")
        return fail(i < elements.size() ? elements[i].offset : buffer_.size(), "a version must be followed by a profile");
      profile(elements[i++], r);
      out_.records.push_back(std::move(r));
    }
  }

private:
  const std::string& buffer_;
  DecodedPolicy& out_;
};

}  // namespace

DecodedPolicy decodePolicy(const std::string& buffer) {
  DecodedPolicy policy;
  StreamParse stream = parseStream(buffer);
  if (stream.error) {
    policy.error = stream.error;
    return policy;
  }
  if (stream.elements.empty()) {
    policy.error = DecodeError{0, "the buffer holds no policy"};
    return policy;
  }
  RecordDecoder(buffer, policy).run(stream.elements);
  return policy;
}

}  // namespace aalint::backend
