#include "codec/home_program_json.h"

#include "codec/diary_entry_json.h"

namespace backplan::codec {
nlohmann::ordered_json HomeProgramToJson(std::span<const core::HomeProgramItem> items,
                                         const core::Adherence& adherence) {
  using nlohmann::ordered_json;
  ordered_json out = ordered_json::array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i].item;
    ordered_json entry = {{"id", item.id},
                          {"kind", core::Name(item.kind)},
                          {"text", item.text},
                          {"reason", item.reason.text},
                          {"source", item.reason.source},
                          {"origin", core::Name(items[i].source)}};
    if (i < adherence.items.size())
      entry["adherence"] = {{"days_done", adherence.items[i].days_done},
                            {"days_recorded", adherence.items[i].days_recorded}};
    out.push_back(std::move(entry));
  }
  return {{"items", std::move(out)},
          {"adherence_window",
           {{"from", DiaryDateText(adherence.from)}, {"to", DiaryDateText(adherence.to)}}}};
}

}  // namespace backplan::codec
