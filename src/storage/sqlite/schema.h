#pragma once
// backplan's schema as versioned migrations, applied in order at start.
// Never edit a released migration: add a new one.

#include <span>

#include "storage/sqlite/migrations.h"

namespace backplan::storage::sqlite {

std::span<const Migration> BackplanMigrations();

}  // namespace backplan::storage::sqlite
