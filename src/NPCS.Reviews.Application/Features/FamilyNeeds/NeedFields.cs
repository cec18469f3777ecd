using FluentValidation;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.FamilyNeeds;

/// <summary>
/// The need form's fields, shared by "Add a need" and "Edit need". Nullable so an empty field reaches
/// the validator (and gets its message) instead of a model-binding default; barriers bind as a list
/// of checkbox values and are combined into the flags the need keeps.
/// </summary>
public class NeedFields
{
    public NeedCategory? Category { get; set; }

    public string? Description { get; set; }

    public NeedStatus? Status { get; set; }

    public List<NeedBarrier> Barriers { get; set; } = [];

    public string? BarrierNote { get; set; }

    /// <summary>Only called after validation has passed, so every required value is present.</summary>
    public NeedDetails ToDetails() => new(
        Category!.Value,
        Description!,
        Status!.Value,
        Barriers.Aggregate(NeedBarrier.None, (all, one) => all | one),
        BarrierNote);

    public void CopyFrom(Need need)
    {
        ArgumentNullException.ThrowIfNull(need);
        Category = need.Category;
        Description = need.Description;
        Status = need.Status;
        Barriers = [.. need.Barriers.Flags()];
        BarrierNote = need.BarrierNote;
    }
}

/// <summary>The need rules, with the messages shown beside each field.</summary>
public sealed class NeedFieldsValidator : AbstractValidator<NeedFields>
{
    public NeedFieldsValidator()
    {
        RuleFor(x => x.Category)
            .NotNull().WithMessage("Choose the category of the need.")
            .IsInEnum().WithMessage("Choose one of the listed categories.");

        RuleFor(x => x.Description)
            .NotEmpty().WithMessage("Describe the need.")
            .MaximumLength(Need.DescriptionMaxLength)
            .WithMessage($"The description can be at most {Need.DescriptionMaxLength:N0} characters.");

        RuleFor(x => x.Status)
            .NotNull().WithMessage("Say whether the agency identified the need and whether it was met.")
            .IsInEnum().WithMessage("Choose one of the listed statuses.");

        RuleFor(x => x.Barriers)
            .Must(list => list.All(b => b != NeedBarrier.None && Enum.IsDefined(b)))
            .WithMessage("Choose only from the listed barriers.")
            .NotEmpty().WithMessage("Choose at least one barrier for an unmet need.")
            .When(x => x.Status == NeedStatus.IdentifiedUnmet, ApplyConditionTo.CurrentValidator);

        RuleFor(x => x.BarrierNote)
            .MaximumLength(Need.BarrierNoteMaxLength)
            .WithMessage($"The note on the barriers can be at most {Need.BarrierNoteMaxLength:N0} characters.")
            .NotEmpty().WithMessage("Describe the other barrier in the note.")
            .When(x => x.Status == NeedStatus.IdentifiedUnmet && x.Barriers.Contains(NeedBarrier.Other), ApplyConditionTo.CurrentValidator);
    }
}

public static class NeedLookup
{
    /// <summary>The review (jurisdiction-filtered) and one of its own needs, tracked for a change; NotFound otherwise.</summary>
    public static async Task<(Review Review, Need Need)> LoadAsync(ReviewsDbContext db, int reviewId, int needId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var review = await db.FindReviewAsync(reviewId, ct);
        var need = await db.Needs.SingleOrDefaultAsync(n => n.Id == needId && n.ReviewId == review.Id, ct)
            ?? throw new NotFoundException();
        return (review, need);
    }
}
