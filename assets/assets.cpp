// The assets library only carries Qt resources under :/liyuan/assets/.
namespace liyuan { int assetsLibraryAnchor() { return 0; } }
