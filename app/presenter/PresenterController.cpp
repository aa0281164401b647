// STUB (contract for issue 11): the presenter helper replaces this file with the implementation.
#include "PresenterController.h"

namespace liyuan {

struct PresenterController::Private {};

PresenterController::PresenterController(CameraController *, LayerManager *, SchemeManager *,
                                         DrillDownController *, CameraLayer *, SceneClipping *,
                                         ProjectController *, QObject *parent)
    : QObject(parent), d(new Private)
{
}

PresenterController::~PresenterController() { delete d; }

QStringList PresenterController::viewNames() const { return {}; }
QJsonObject PresenterController::captureView(const QString &) const { return {}; }
QJsonObject PresenterController::sceneState() const { return {}; }
bool PresenterController::applySceneState(const QJsonObject &, QString *) { return false; }
bool PresenterController::applyView(const QJsonObject &, Transition, int, QString *) { return false; }
QJsonObject PresenterController::view(const QString &) const { return {}; }
void PresenterController::addCurrentView(const QString &) {  }
void PresenterController::renameView(int, const QString &) {  }
void PresenterController::removeView(int) {  }
void PresenterController::moveView(int, int) {  }
bool PresenterController::goToView(const QString &) { return false; }
QStringList PresenterController::tourNames() const { return {}; }
QJsonObject PresenterController::tour(const QString &) const { return {}; }
bool PresenterController::setTour(const QJsonObject &, QString *) { return false; }
double PresenterController::tourDuration(const QString &) const { return 0; }
PresenterController::TourSample PresenterController::sampleTour(const QString &, double) const { return {}; }
void PresenterController::applySample(const QString &, const TourSample &) {  }
QString PresenterController::currentTour() const { return {}; }
int PresenterController::currentStep() const { return 0; }
int PresenterController::stepCount() const { return 0; }
bool PresenterController::playing() const { return false; }
bool PresenterController::paused() const { return false; }
bool PresenterController::loop() const { return false; }
void PresenterController::setLoop(bool) {  }
double PresenterController::tourTime() const { return 0; }
bool PresenterController::blanked() const { return false; }
void PresenterController::setBlanked(bool) {  }
QString PresenterController::caption() const { return {}; }
double PresenterController::fade() const { return 0; }
bool PresenterController::playTour(const QString &) { return false; }
void PresenterController::pause() {  }
void PresenterController::resume() {  }
void PresenterController::togglePause() {  }
void PresenterController::next() {  }
void PresenterController::previous() {  }
void PresenterController::stop() {  }
void PresenterController::toggleBlank() {  }
void PresenterController::seek(double) {  }
bool PresenterController::handleKey(int) { return false; }
void PresenterController::advance(double) {  }
QJsonObject PresenterController::stateJson() const { return {}; }
QJsonObject PresenterController::toJson() const { return {}; }
bool PresenterController::fromJson(const QJsonObject &, QString *) { return false; }
void PresenterController::clear() {  }

} // namespace liyuan
