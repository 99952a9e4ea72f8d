#pragma once
// Reads every page of a keyset-paginated use case, for callers that need the
// whole list (a report, a home program). `fetch(page)` returns
// Outcome<std::vector<Row>>; `id_of(row)` the id the next page starts after.

#include <iterator>
#include <vector>

#include "service/service_error.h"
#include "storage/records.h"

namespace backplan::service {

template <typename Fetch, typename IdOf>
auto AllPages(Fetch fetch, IdOf id_of) -> decltype(fetch(storage::Page{})) {
  using Rows = std::remove_cvref_t<decltype(fetch(storage::Page{}).value())>;
  Rows all;
  storage::Page page;
  page.limit = 200;
  for (;;) {
    auto rows = fetch(page);
    if (!rows.ok())
      return rows.error();
    auto& got = rows.value();
    const bool more = static_cast<int>(got.size()) == page.limit;
    if (!got.empty())
      page.after = id_of(got.back());
    all.insert(all.end(), std::make_move_iterator(got.begin()), std::make_move_iterator(got.end()));
    if (!more)
      return all;
  }
}

}  // namespace backplan::service
