using FluentValidation;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Debrief;

/// <summary>When, where and with whom a debrief session takes place: shared by Schedule and Reschedule.</summary>
public abstract class SessionFields
{
    public int Id { get; set; }

    public DateOnly? Date { get; set; }

    public TimeOnly? StartTime { get; set; }

    public string? Location { get; set; }

    public string? FacilitatorId { get; set; }

    public SessionDetails ToDetails() => new(Date!.Value, StartTime!.Value, Location!.Trim(), FacilitatorId!);
}

public sealed class SessionFieldsValidator : AbstractValidator<SessionFields>
{
    public SessionFieldsValidator(ReviewsDbContext db, JurisdictionClock clock, TimeProvider time)
    {
        RuleFor(x => x.Date).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the date of the session.")
            .MustAsync(async (x, date, ct) => await IncidentDateAsync(db, x.Id, ct) is not { } incident || date >= incident)
            .WithMessage("A debrief session cannot be before the incident.")
            .MustAsync(async (date, ct) => date <= (await clock.TodayAsync(ct)).AddYears(1))
            .WithMessage("Schedule the session within a year from today.");

        RuleFor(x => x.StartTime)
            .NotNull().WithMessage("Enter the start time of the session.");

        RuleFor(x => x.Location).Cascade(CascadeMode.Stop)
            .Must(l => !string.IsNullOrWhiteSpace(l)).WithMessage("Enter the place or the video link.")
            .MaximumLength(DebriefSession.LocationMaxLength)
            .WithMessage($"The place or video link must be at most {DebriefSession.LocationMaxLength} characters.");

        RuleFor(x => x.FacilitatorId).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Choose the facilitator.")
            .MustAsync(async (id, ct) => (await Facilitators.ListAsync(db, time, ct)).Any(f => f.Id == id))
            .WithMessage("Choose a facilitator from the list.");
    }

    // An unknown review is left to the handler, which answers "not found".
    private static Task<DateOnly?> IncidentDateAsync(ReviewsDbContext db, int reviewId, CancellationToken ct) =>
        db.Reviews.Where(r => r.Id == reviewId).Select(r => (DateOnly?)r.IncidentDate).SingleOrDefaultAsync(ct);
}
