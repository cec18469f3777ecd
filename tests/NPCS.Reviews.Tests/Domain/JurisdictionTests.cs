using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Jurisdictions;

namespace NPCS.Reviews.Tests.Domain;

public class JurisdictionTests
{
    // 03:00 UTC on New Year's Day is still the evening of 31 December across the United States.
    private static readonly DateTimeOffset NewYearUtc = new(2027, 1, 1, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("America/New_York", 2026, 12, 31)]
    [InlineData("America/Los_Angeles", 2026, 12, 31)]
    [InlineData("Pacific/Honolulu", 2026, 12, 31)]
    [InlineData("Pacific/Guam", 2027, 1, 1)]
    public void Should_tell_today_in_the_agencys_own_time_zone(string zone, int year, int month, int day)
    {
        var jurisdiction = new Jurisdiction("Agency", JurisdictionKind.State, "AG", timeZoneId: zone);

        Assert.Equal(new DateOnly(year, month, day), jurisdiction.Today(NewYearUtc));
    }

    [Fact]
    public void Should_use_utc_for_users_outside_any_jurisdiction() =>
        Assert.Equal(new DateOnly(2027, 1, 1), Jurisdiction.TodayIn(null, NewYearUtc));

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    public void Should_refuse_an_unknown_time_zone(string zone) =>
        Assert.Throws<DomainException>(() => new Jurisdiction("Agency", JurisdictionKind.State, "AG", timeZoneId: zone));

    [Fact]
    public void Should_require_two_factor_sign_in_for_supervisors_and_administrators_in_a_new_jurisdiction()
    {
        var jurisdiction = new Jurisdiction("Agency", JurisdictionKind.State, "AG");
        Assert.True(jurisdiction.RequireTwoFactorForSupervisors);

        var version = jurisdiction.Version;
        jurisdiction.SetTwoFactorRequirement(false);
        Assert.False(jurisdiction.RequireTwoFactorForSupervisors);
        Assert.NotEqual(version, jurisdiction.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("TOO-LONG-CODE")]
    [InlineData("A B")]
    public void Should_refuse_a_code_that_cannot_stand_in_a_review_number(string code) =>
        Assert.Throws<DomainException>(() => new Jurisdiction("Agency", JurisdictionKind.County, code));

    [Fact]
    public void Should_offer_only_time_zones_this_machine_knows() =>
        Assert.All(UsTimeZones.All, z => Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById(z.Id, out _), z.Id));
}
