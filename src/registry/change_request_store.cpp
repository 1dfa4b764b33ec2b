// The SQL of change requests and their attachments.
#include <fmt/format.h>

#include "platform/crypto.hpp"
#include "registry/registry_store.hpp"

namespace sinergi::registry {

namespace {

constexpr std::string_view kSelect =
    "SELECT id, kind, status, village_code, household_id, person_id, payload, reason, proposed_by, "
    "proposed_by_name, proposed_at, decided_by_name, decided_at, decision_note, result_household_id "
    "FROM change_requests";

ChangeRequest ReadRequest(const db::Row& row) {
    ChangeRequest r;
    r.id = row.Int(0);
    r.kind = ParseChangeKind(row.Text(1)).value_or(ChangeKind::kChangeHousehold);
    r.status = row.Text(2);
    r.village_code = row.Text(3);
    r.household_id = row.OptInt(4);
    r.person_id = row.OptInt(5);
    r.payload_json = row.Text(6);
    r.reason = row.Text(7);
    r.proposed_by = row.OptInt(8);
    r.proposed_by_name = row.Text(9);
    r.proposed_at = row.Text(10);
    r.decided_by_name = row.OptText(11);
    r.decided_at = row.OptText(12);
    r.decision_note = row.OptText(13);
    r.result_household_id = row.OptInt(14);
    return r;
}

std::vector<AttachmentInfo> Attachments(db::Connection& c, std::int64_t request_id) {
    std::vector<AttachmentInfo> out;
    c.ForEach(
        "SELECT id, filename, content_type, size_bytes, created_at FROM change_request_attachments "
        "WHERE request_id = ? ORDER BY id",
        {request_id}, [&out](const db::Row& row) {
            out.push_back({row.Int(0), row.Text(1), row.Text(2), row.Int(3), row.Text(4)});
        });
    return out;
}

}  // namespace

std::int64_t RegistryStore::InsertChangeRequest(db::Connection& c, const ChangeRequest& r) {
    return c
        .QueryOne(
            "INSERT INTO change_requests (kind, status, village_code, household_id, person_id, payload, reason, "
            "proposed_by, proposed_by_name, proposed_at) VALUES (?, 'proposed', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {ToString(r.kind), r.village_code, r.household_id, r.person_id, r.payload_json, r.reason, r.proposed_by,
             r.proposed_by_name, r.proposed_at})
        ->Int(0);
}

void RegistryStore::InsertAttachment(db::Connection& c, std::int64_t request_id, const NewAttachment& attachment,
                                     const std::string& now) {
    c.Execute(
        "INSERT INTO change_request_attachments (request_id, filename, content_type, size_bytes, data_base64, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?)",
        {request_id, attachment.filename, attachment.content_type, static_cast<std::int64_t>(attachment.bytes.size()),
         crypto::Base64UrlEncode(attachment.bytes), now});
}

std::optional<ChangeRequest> RegistryStore::FindChangeRequest(db::Connection& c, std::int64_t id) {
    auto row = c.QueryOne(std::string(kSelect) + " WHERE id = ?", {id});
    if (!row) {
        return std::nullopt;
    }
    auto request = ReadRequest(*row);
    request.attachments = Attachments(c, id);
    return request;
}

bool RegistryStore::DecideChangeRequest(db::Connection& c, std::int64_t id, std::string_view status,
                                        std::optional<std::int64_t> decided_by, const std::string& decided_by_name,
                                        const std::string& now, const std::string& note,
                                        std::optional<std::int64_t> result_household_id) {
    return c.Execute(
               "UPDATE change_requests SET status = ?, decided_by = ?, decided_by_name = ?, decided_at = ?, "
               "decision_note = ?, result_household_id = ? WHERE id = ? AND status = 'proposed'",
               {status, decided_by, decided_by_name, now, note, result_household_id, id}) == 1;
}

identity::Page<ChangeRequest> RegistryStore::ListChangeRequests(db::Connection& c, const ChangeRequestFilter& filter,
                                                                const std::string& scope_prefix,
                                                                std::optional<std::int64_t> proposed_by,
                                                                const PageRequest& page) {
    db::Conditions where;
    if (filter.status) {
        where.Add("status = ?", {*filter.status});
    }
    for (const auto& prefix : {filter.region.value_or(""), scope_prefix}) {
        if (!prefix.empty()) {
            where.Add("village_code >= ? AND village_code < ?", {prefix, prefix + "/"});
        }
    }
    if (proposed_by) {
        where.Add("proposed_by = ?", {*proposed_by});
    }
    auto result = QueryPage<ChangeRequest>(c, kSelect, "FROM change_requests", std::move(where), "id",
                                           KeyOrder::kDescending, true, page, ReadRequest);
    for (auto& request : result.items) {
        request.attachments = Attachments(c, request.id);  // the inbox shows what was attached
    }
    return result;
}

std::optional<std::pair<AttachmentInfo, std::string>> RegistryStore::FindAttachment(db::Connection& c,
                                                                                    std::int64_t request_id,
                                                                                    std::int64_t attachment_id) {
    auto row = c.QueryOne(
        "SELECT id, filename, content_type, size_bytes, created_at, data_base64 FROM change_request_attachments "
        "WHERE id = ? AND request_id = ?",
        {attachment_id, request_id});
    if (!row) {
        return std::nullopt;
    }
    std::string bytes;
    crypto::Base64UrlDecode(row->Text(5), bytes);
    return std::make_pair(AttachmentInfo{row->Int(0), row->Text(1), row->Text(2), row->Int(3), row->Text(4)}, bytes);
}

void RegistryStore::MovePerson(db::Connection& c, std::int64_t person_id, std::int64_t household_id,
                               const std::string& now) {
    c.Execute("UPDATE persons SET household_id = ?, version = version + 1, updated_at = ? WHERE id = ?",
              {household_id, now, person_id});
}

}  // namespace sinergi::registry
