namespace NPCS.Reviews.Domain.Reviews;

/// <summary>The words users see for each code, in one place so pages, messages and reports agree.</summary>
public static partial class DisplayNames
{
    public static string DisplayName(this ReviewStage stage) => stage switch
    {
        ReviewStage.ScreenedOut => "Screened out",
        ReviewStage.Intake => "Intake",
        ReviewStage.FamilyNeeds => "Family needs",
        ReviewStage.Debrief => "Debrief",
        ReviewStage.Findings => "Findings",
        ReviewStage.Approval => "Approval",
        ReviewStage.Approved => "Approved",
        _ => stage.ToString(),
    };

    public static string DisplayName(this IncidentType type) => type switch
    {
        IncidentType.Fatality => "Fatality",
        IncidentType.NearFatality => "Near fatality",
        IncidentType.SeriousInjury => "Serious injury",
        IncidentType.OtherCriticalIncident => "Other critical incident",
        _ => type.ToString(),
    };

    public static string DisplayName(this ChildSex sex) => sex switch
    {
        ChildSex.Female => "Female",
        ChildSex.Male => "Male",
        ChildSex.Unknown => "Unknown",
        _ => sex.ToString(),
    };

    public static string DisplayName(this YesNoUnknown value) => value switch
    {
        YesNoUnknown.Yes => "Yes",
        YesNoUnknown.No => "No",
        YesNoUnknown.Unknown => "Unknown",
        _ => value.ToString(),
    };

    public static string DisplayName(this RaceEthnicity value) => value switch
    {
        RaceEthnicity.AmericanIndianOrAlaskaNative => "American Indian or Alaska Native",
        RaceEthnicity.Asian => "Asian",
        RaceEthnicity.BlackOrAfricanAmerican => "Black or African American",
        RaceEthnicity.HispanicOrLatino => "Hispanic or Latino",
        RaceEthnicity.MiddleEasternOrNorthAfrican => "Middle Eastern or North African",
        RaceEthnicity.NativeHawaiianOrPacificIslander => "Native Hawaiian or Pacific Islander",
        RaceEthnicity.White => "White",
        RaceEthnicity.Unknown => "Unknown",
        RaceEthnicity.Declined => "Declined",
        _ => value.ToString(),
    };

    public static string DisplayName(this MaltreatmentType value) => value switch
    {
        MaltreatmentType.PhysicalAbuse => "Physical abuse",
        MaltreatmentType.Neglect => "Neglect",
        MaltreatmentType.SexualAbuse => "Sexual abuse",
        MaltreatmentType.EmotionalAbuse => "Emotional abuse",
        MaltreatmentType.MedicalNeglect => "Medical neglect",
        MaltreatmentType.NoneAlleged => "None alleged",
        _ => value.ToString(),
    };

    public static string DisplayName(this CauseCategory value) => value switch
    {
        CauseCategory.UnsafeSleep => "Unsafe sleep / SUID",
        CauseCategory.InflictedInjury => "Inflicted injury",
        CauseCategory.NeglectOrSupervision => "Neglect or supervision",
        CauseCategory.Drowning => "Drowning",
        CauseCategory.Firearm => "Firearm",
        CauseCategory.Vehicle => "Vehicle",
        CauseCategory.PoisoningOrIngestion => "Poisoning or ingestion",
        CauseCategory.Fire => "Fire",
        CauseCategory.MedicalOrNatural => "Medical or natural",
        CauseCategory.Undetermined => "Undetermined",
        CauseCategory.Other => "Other",
        _ => value.ToString(),
    };

    /// <summary>The single flags of a combined value, in declaration order, without None.</summary>
    public static IReadOnlyList<TEnum> Flags<TEnum>(this TEnum value)
        where TEnum : struct, Enum
    {
        var bits = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        return [.. Enum.GetValues<TEnum>().Where(f =>
        {
            var b = Convert.ToInt64(f, System.Globalization.CultureInfo.InvariantCulture);
            return b != 0 && (bits & b) == b;
        })];
    }

    /// <summary>Age as people say it: "7 months" under one year, "3 years 2 months" above.</summary>
    public static string FormatAge(int ageMonths)
    {
        var years = ageMonths / 12;
        var months = ageMonths % 12;
        static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
        if (years == 0)
        {
            return Plural(months, "month");
        }

        return months == 0 ? Plural(years, "year") : $"{Plural(years, "year")} {Plural(months, "month")}";
    }
}
