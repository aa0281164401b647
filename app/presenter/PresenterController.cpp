// STUB (contract for issue 11): the presenter helper replaces this file with the implementation.
#include "PresenterController.h"

namespace liyuan {

struct PresenterController::Private { QString caption; double fade = 0; bool blanked = false; }; // sync: overlay set from outside

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
bool PresenterController::blanked() const { return d->blanked; }
void PresenterController::setBlanked(bool b) { if (d->blanked != b) { d->blanked = b; emit blankedChanged(); emit stateChanged(); } }
QString PresenterController::caption() const { return d->caption; }
double PresenterController::fade() const { return d->fade; }
void PresenterController::setCaption(const QString &c) { if (d->caption != c) { d->caption = c; emit captionChanged(); emit stateChanged(); } }
void PresenterController::setFade(double f) { f = qBound(0.0, f, 1.0); if (d->fade != f) { d->fade = f; emit fadeChanged(); emit stateChanged(); } }
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
