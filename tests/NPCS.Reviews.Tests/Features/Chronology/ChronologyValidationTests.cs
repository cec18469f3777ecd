using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Chronology;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Chronology;

/// <summary>Each rule of a chronology entry, on both Add and Edit (they share the fields), with nothing saved.</summary>
public class ChronologyValidationTests(SliceFixture fixture) : SliceTest(fixture, Users.Facilitator)
{
    public static TheoryData<string, string, string> Rules => new()
    {
        { "no date", nameof(ChronologyEntryFields.Date), "Enter the date of the entry." },
        { "future date", nameof(ChronologyEntryFields.Date), "The date cannot be in the future." },
        { "before 1990", nameof(ChronologyEntryFields.Date), "The date must be in 1990 or later." },
        { "seconds", nameof(ChronologyEntryFields.Time), "Enter the time as hours and minutes, for example 14:30." },
        { "no source", nameof(ChronologyEntryFields.Source), "Choose where the information came from." },
        { "unknown source", nameof(ChronologyEntryFields.Source), "Choose one of the listed sources." },
        { "no what happened", nameof(ChronologyEntryFields.WhatHappened), "Describe what happened." },
        { "blank what happened", nameof(ChronologyEntryFields.WhatHappened), "Describe what happened." },
        { "long what happened", nameof(ChronologyEntryFields.WhatHappened), $"What happened can be at most {ChronologyEntry.TextMaxLength} characters." },
        { "long agency knew", nameof(ChronologyEntryFields.AgencyKnew), $"What the agency knew can be at most {ChronologyEntry.TextMaxLength} characters." },
    };

    private T Break<T>(T fields, string rule)
        where T : ChronologyEntryFields
    {
        fields.Date = Today.AddDays(-2);
        fields.Time = new TimeOnly(10, 30);
        fields.Source = ChronologySource.LawEnforcement;
        fields.WhatHappened = "Police welfare check.";
        fields.AgencyKnew = null;
        switch (rule)
        {
            case "no date": fields.Date = null; break;
            case "future date": fields.Date = Today.AddDays(2); break;
            case "before 1990": fields.Date = new DateOnly(1989, 12, 31); break;
            case "seconds": fields.Time = new TimeOnly(10, 30, 15); break;
            case "no source": fields.Source = null; break;
            case "unknown source": fields.Source = (ChronologySource)99; break;
            case "no what happened": fields.WhatHappened = null; break;
            case "blank what happened": fields.WhatHappened = "   "; break;
            case "long what happened": fields.WhatHappened = new string('x', ChronologyEntry.TextMaxLength + 1); break;
            case "long agency knew": fields.AgencyKnew = new string('x', ChronologyEntry.TextMaxLength + 1); break;
            default: throw new ArgumentOutOfRangeException(nameof(rule), rule, null);
        }

        return fields;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Should_refuse_to_add_an_entry_that_breaks_a_rule(string rule, string field, string message)
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<int>(Break(new AddChronologyEntry.Command { Id = id }, rule)));

        Assert.Equal([message], ex.Errors[field]);
        Assert.Equal(0, await Fixture.QueryDbAsync(db => db.ChronologyEntries.IgnoreQueryFilters().CountAsync(e => e.ReviewId == id)));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Should_refuse_an_edit_that_breaks_a_rule(string rule, string field, string message)
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var entryId = await Fixture.SendAsync<int>(new AddChronologyEntry.Command
        {
            Id = id,
            Date = Today.AddDays(-1),
            Source = ChronologySource.Family,
            WhatHappened = "Grandmother called.",
        });
        var edit = await Fixture.SendAsync<EditChronologyEntry.Command>(new EditChronologyEntry.Query(id, entryId));

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(Break(edit, rule)));

        Assert.Equal([message], ex.Errors[field]);
        var stored = await Fixture.QueryDbAsync(db => db.ChronologyEntries.IgnoreQueryFilters().SingleAsync(e => e.Id == entryId));
        Assert.Equal("Grandmother called.", stored.WhatHappened);
        Assert.Equal(edit.Version, stored.Version);
    }

    [Fact]
    public async Task Should_accept_today_1990_and_an_entry_without_time_or_agency_knowledge()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Intake);

        await Fixture.SendAsync<int>(new AddChronologyEntry.Command { Id = id, Date = Today, Source = ChronologySource.Other, WhatHappened = "Today." });
        await Fixture.SendAsync<int>(new AddChronologyEntry.Command { Id = id, Date = new DateOnly(1990, 1, 1), Source = ChronologySource.Medical, WhatHappened = "Birth." });

        var list = await Fixture.SendAsync<ListChronology.Result>(new ListChronology.Query(id));
        Assert.Equal([new DateOnly(1990, 1, 1), Today], list.Entries.Select(e => e.Date));
        Assert.All(list.Entries, e => Assert.Null(e.AgencyKnew));
    }
}
