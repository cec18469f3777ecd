using NPCS.Reviews.Domain.Jurisdictions;

namespace NPCS.Reviews.Domain.Reviews;

public sealed record EligibilityDecision(bool Eligible, string Reason);

/// <summary>
/// Decides whether an incident must be reviewed: a near fatality always; a fatality or serious injury
/// when the case was open or the agency had contact within the jurisdiction's look-back window;
/// anything else is screened out with its reason (a Supervisor may override).
/// </summary>
public static class Eligibility
{
    public static EligibilityDecision Evaluate(IntakeDetails intake, ReviewPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(policy);

        if (intake.IncidentType == IncidentType.NearFatality)
        {
            return new(true, "Near fatalities are always reviewed.");
        }

        if (intake.IncidentType is not (IncidentType.Fatality or IncidentType.SeriousInjury))
        {
            return new(false, "Only fatalities, near fatalities and serious injuries are reviewed under the jurisdiction's policy.");
        }

        if (intake.OpenCaseAtIncident == YesNoUnknown.Yes)
        {
            return new(true, "The agency had an open case at the time of the incident.");
        }

        var windowStart = intake.IncidentDate.AddMonths(-policy.LookBackMonths);
        if (intake.MostRecentContact is { } contact && contact >= windowStart)
        {
            return new(true, $"The agency's most recent contact falls within the {policy.LookBackMonths}-month look-back window.");
        }

        return intake.MostRecentContact is null
            ? new(false, $"No open case at the time of the incident and no agency contact recorded within the {policy.LookBackMonths}-month look-back window.")
            : new(false, $"No open case at the time of the incident and the agency's most recent contact is older than the {policy.LookBackMonths}-month look-back window.");
    }
}
