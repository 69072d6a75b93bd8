// MetaTypes: registers the value types that cross threads in queued signals and calls.
#pragma once

namespace keel::core {

void registerMetaTypes();

} // namespace keel::core
