using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Domain.Reviews;

namespace NPCS.Reviews.Tests.Support;

/// <summary>A valid intake to start from; each test changes what it is about.</summary>
public static class Intakes
{
    private static int _counter;

    public static string NextCaseReference() => $"CASE-{Interlocked.Increment(ref _counter):D5}-{Guid.NewGuid():N}"[..24];

    public static T Fill<T>(T fields, DateOnly today)
        where T : IntakeFields
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.IncidentType = IncidentType.NearFatality;
        fields.IncidentDate = today.AddDays(-5);
        fields.NotifiedDate = today.AddDays(-4);
        fields.ChildAgeYears = 0;
        fields.ChildAgeMonths = 7;
        fields.ChildSex = ChildSex.Female;
        fields.ChildRaceEthnicity = [RaceEthnicity.BlackOrAfricanAmerican, RaceEthnicity.HispanicOrLatino];
        fields.CaseReference = NextCaseReference();
        fields.OpenCaseAtIncident = YesNoUnknown.No;
        fields.MostRecentContact = today.AddMonths(-6);
        fields.PriorReportsCount = 2;
        fields.PriorSubstantiated = YesNoUnknown.No;
        fields.AllegedMaltreatment = [MaltreatmentType.Neglect];
        fields.CauseCategory = CauseCategory.UnsafeSleep;
        fields.Summary = "Infant found unresponsive after co-sleeping.";
        return fields;
    }

    public static CreateReview.Command NewCommand(DateOnly today) => Fill(new CreateReview.Command(), today);

    public static IntakeDetails Details(
        IncidentType type = IncidentType.NearFatality,
        YesNoUnknown openCase = YesNoUnknown.No,
        DateOnly? incident = null,
        DateOnly? contact = null,
        DateOnly? notified = null)
    {
        var incidentDate = incident ?? new DateOnly(2026, 10, 1);
        return new IntakeDetails(
            type,
            incidentDate,
            notified ?? incidentDate.AddDays(1),
            30,
            ChildSex.Male,
            RaceEthnicity.White,
            NextCaseReference(),
            openCase,
            contact,
            1,
            YesNoUnknown.Unknown,
            MaltreatmentType.NoneAlleged,
            CauseCategory.Drowning,
            null);
    }
}
