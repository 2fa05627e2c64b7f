package org.hotline.console;

import org.hotline.console.http.HttpError;
import org.hotline.platform.intake.ComplaintIntake;
import org.hotline.platform.intake.IntakeOutcome;
import org.hotline.platform.intake.WebComplaint;

/** The public complaint form of a console built without one: every submission is a 503, nothing is written. */
final class PublicFormOff implements ComplaintIntake {
    static final PublicFormOff INSTANCE = new PublicFormOff();

    private PublicFormOff() {
    }

    @Override
    public IntakeOutcome submit(WebComplaint complaint) {
        throw new HttpError(503, null, "the public complaint form is not enabled on this node");
    }

    @Override
    public long trapped() {
        return 0;
    }
}
