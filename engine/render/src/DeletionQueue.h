#pragma once

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace skillsim::render::detail {

/**
 * Owners whose objects a submitted frame may still use (lovr's deferred destruction). Each frame
 * slot has one; the renderer flushes it after that slot's fence has signalled, so nothing is
 * destroyed while the GPU reads it.
 */
class DeletionQueue {
public:
  DeletionQueue() = default;
  DeletionQueue(const DeletionQueue&) = delete;
  DeletionQueue& operator=(const DeletionQueue&) = delete;
  DeletionQueue(DeletionQueue&&) noexcept = default;
  DeletionQueue& operator=(DeletionQueue&&) noexcept = default;
  ~DeletionQueue() { flush(); }

  /** Keeps `owner` alive until the next flush(). `owner` may be any move-only owner type. */
  template <typename T>
  void defer(T&& owner) {
    auto kept = std::make_shared<std::decay_t<T>>(std::forward<T>(owner));
    mItems.emplace_back([kept]() mutable { kept.reset(); });
  }

  /** Destroys everything deferred so far, oldest first. */
  void flush() {
    for (auto& item : mItems) {
      item();
    }
    mItems.clear();
  }

  [[nodiscard]] std::size_t size() const { return mItems.size(); }

private:
  std::vector<std::function<void()>> mItems;
};

} // namespace skillsim::render::detail
