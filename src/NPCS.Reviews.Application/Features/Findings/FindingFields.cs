using FluentValidation;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Application.Features.Findings;

/// <summary>
/// The fields of a finding, shared by "Add a finding" and "Edit finding". Nullable so an empty field
/// reaches the validator (and gets its message) instead of a default. Evidence comes as one id list per kind,
/// as the form's checkbox groups post them.
/// </summary>
public class FindingFields
{
    /// <summary>The review.</summary>
    public int Id { get; set; }

    public int? FactorItemId { get; set; }

    public int? Rating { get; set; }

    public string? Description { get; set; }

    public string? NoActionReason { get; set; }

    public List<int> DecisionPointIds { get; set; } = [];

    public List<int> NeedIds { get; set; } = [];

    public List<int> ChronologyEntryIds { get; set; } = [];

    public IReadOnlyCollection<EvidenceLink> Evidence() =>
    [
        .. DecisionPointIds.Distinct().Select(id => new EvidenceLink(EvidenceKind.DecisionPoint, id)),
        .. NeedIds.Distinct().Select(id => new EvidenceLink(EvidenceKind.Need, id)),
        .. ChronologyEntryIds.Distinct().Select(id => new EvidenceLink(EvidenceKind.ChronologyEntry, id)),
    ];

    public void CopyFrom(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        FactorItemId = finding.FactorItemId;
        Rating = finding.Rating;
        Description = finding.Description;
        NoActionReason = finding.NoActionReason;
        DecisionPointIds = [.. finding.Evidence.Where(e => e.Kind == EvidenceKind.DecisionPoint).Select(e => e.TargetId)];
        NeedIds = [.. finding.Evidence.Where(e => e.Kind == EvidenceKind.Need).Select(e => e.TargetId)];
        ChronologyEntryIds = [.. finding.Evidence.Where(e => e.Kind == EvidenceKind.ChronologyEntry).Select(e => e.TargetId)];
    }
}

/// <summary>
/// The rules of a finding, with the messages shown beside each field. Evidence must point at this
/// review's own records; the factor is checked by the handler, which knows whether the finding already had it.
/// </summary>
public sealed class FindingFieldsValidator : AbstractValidator<FindingFields>
{
    public FindingFieldsValidator(ReviewsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        RuleFor(x => x.FactorItemId)
            .NotNull().WithMessage("Choose the factor this finding is about.");

        RuleFor(x => x.Rating)
            .NotNull().WithMessage("Rate the finding on the action scale.")
            .InclusiveBetween(FindingRating.Min, FindingRating.Max).WithMessage("Choose a rating from 0 to 3.");

        RuleFor(x => x.Description)
            .NotEmpty().WithMessage("Describe the finding.")
            .MaximumLength(Finding.DescriptionMaxLength)
            .WithMessage($"The description can be at most {Finding.DescriptionMaxLength} characters.");

        RuleFor(x => x.NoActionReason)
            .MaximumLength(Finding.ReasonMaxLength)
            .WithMessage($"The reason can be at most {Finding.ReasonMaxLength} characters.");

        RuleFor(x => x.DecisionPointIds)
            .MustAsync(async (form, ids, ct) => await AllInReviewAsync(db.DecisionPoints.Where(p => p.ReviewId == form.Id).Select(p => p.Id), ids, ct))
            .WithMessage("Choose decision points of this review.");
        RuleFor(x => x.NeedIds)
            .MustAsync(async (form, ids, ct) => await AllInReviewAsync(db.Needs.Where(n => n.ReviewId == form.Id).Select(n => n.Id), ids, ct))
            .WithMessage("Choose needs of this review.");
        RuleFor(x => x.ChronologyEntryIds)
            .MustAsync(async (form, ids, ct) => await AllInReviewAsync(db.ChronologyEntries.Where(e => e.ReviewId == form.Id).Select(e => e.Id), ids, ct))
            .WithMessage("Choose chronology entries of this review.");
    }

    private static async Task<bool> AllInReviewAsync(IQueryable<int> ofReview, List<int> ids, CancellationToken ct)
    {
        if (ids is null || ids.Count == 0)
        {
            return true;
        }

        var wanted = ids.Distinct().ToList();
        return await ofReview.CountAsync(id => wanted.Contains(id), ct) == wanted.Count;
    }
}
