using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Chronology;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Chronology;

public class ChronologyTests(SliceFixture fixture) : SliceTest(fixture, Users.Caseworker)
{
    private AddChronologyEntry.Command NewEntry(int reviewId, DateOnly? date = null, TimeOnly? time = null, string what = "Home visit") => new()
    {
        Id = reviewId,
        Date = date ?? Today.AddDays(-10),
        Time = time,
        Source = ChronologySource.ThisAgency,
        WhatHappened = what,
        AgencyKnew = "Mother said the baby slept in her bed.",
    };

    private Task<int> AddAsync(AddChronologyEntry.Command command) => Fixture.SendAsync<int>(command);

    private Task<ChronologyEntry?> StoredAsync(int entryId) =>
        Fixture.QueryDbAsync(db => db.ChronologyEntries.IgnoreQueryFilters().SingleOrDefaultAsync(e => e.Id == entryId));

    [Fact]
    public async Task Should_add_an_entry_and_show_it_in_the_chronology()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);

        var entryId = await AddAsync(NewEntry(id, Today.AddDays(-12), new TimeOnly(9, 45), "  Hospital called the hotline.  "));

        var list = await Fixture.SendAsync<ListChronology.Result>(new ListChronology.Query(id));
        var entry = Assert.Single(list.Entries);
        Assert.Equal(entryId, entry.Id);
        Assert.Equal(Today.AddDays(-12), entry.Date);
        Assert.Equal(new TimeOnly(9, 45), entry.Time);
        Assert.Equal(ChronologySource.ThisAgency, entry.Source);
        Assert.Equal("Hospital called the hotline.", entry.WhatHappened);
        Assert.Equal("Mother said the baby slept in her bed.", entry.AgencyKnew);
        Assert.True(list.CanEdit);
        Assert.Null(list.ReadOnlyReason);
    }

    [Fact]
    public async Task Should_list_entries_by_date_then_time_with_untimed_entries_first_in_their_day()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Intake);
        var day = Today.AddDays(-20);

        var nextDay = await AddAsync(NewEntry(id, day.AddDays(1), null));
        var afternoon = await AddAsync(NewEntry(id, day, new TimeOnly(14, 0)));
        var morningFirst = await AddAsync(NewEntry(id, day, new TimeOnly(9, 0)));
        var untimed = await AddAsync(NewEntry(id, day, null));
        var morningSecond = await AddAsync(NewEntry(id, day, new TimeOnly(9, 0)));
        var earlier = await AddAsync(NewEntry(id, day.AddDays(-300), new TimeOnly(23, 59)));

        var list = await Fixture.SendAsync<ListChronology.Result>(new ListChronology.Query(id));

        Assert.Equal([earlier, untimed, morningFirst, morningSecond, afternoon, nextDay], list.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task Should_edit_an_entry_from_the_command_its_query_returns()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var entryId = await AddAsync(NewEntry(id, Today.AddDays(-3), new TimeOnly(8, 15)));

        var command = await Fixture.SendAsync<EditChronologyEntry.Command>(new EditChronologyEntry.Query(id, entryId));
        Assert.Equal(Today.AddDays(-3), command.Date);
        Assert.Equal(new TimeOnly(8, 15), command.Time);
        Assert.Equal("Home visit", command.WhatHappened);
        Assert.True(command.Editable);
        var before = command.Version;

        command.Date = Today.AddDays(-4);
        command.Time = null;
        command.Source = ChronologySource.School;
        command.WhatHappened = "School reported bruises.";
        command.AgencyKnew = "  ";
        await Fixture.SendAsync(command);

        var saved = await StoredAsync(entryId);
        Assert.NotNull(saved);
        Assert.Equal(Today.AddDays(-4), saved.Date);
        Assert.Null(saved.Time);
        Assert.Equal(ChronologySource.School, saved.Source);
        Assert.Equal("School reported bruises.", saved.WhatHappened);
        Assert.Null(saved.AgencyKnew);
        Assert.NotEqual(before, saved.Version);
    }

    [Fact]
    public async Task Should_refuse_an_edit_made_on_a_stale_version_and_keep_the_other_change()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var entryId = await AddAsync(NewEntry(id));
        var mine = await Fixture.SendAsync<EditChronologyEntry.Command>(new EditChronologyEntry.Query(id, entryId));
        var theirs = await Fixture.SendAsync<EditChronologyEntry.Command>(new EditChronologyEntry.Query(id, entryId));
        theirs.WhatHappened = "Their correction";
        await Fixture.SendAsync(theirs);

        mine.WhatHappened = "My correction";
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(mine));

        Assert.Equal("Their correction", (await StoredAsync(entryId))?.WhatHappened);
    }

    [Fact]
    public async Task Should_delete_an_entry()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var keep = await AddAsync(NewEntry(id));
        var entryId = await AddAsync(NewEntry(id));
        var version = (await StoredAsync(entryId))!.Version;

        await Fixture.SendAsync(new DeleteChronologyEntry.Command(id, entryId, version));

        Assert.Null(await StoredAsync(entryId));
        var list = await Fixture.SendAsync<ListChronology.Result>(new ListChronology.Query(id));
        Assert.Equal([keep], list.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task Should_refuse_to_delete_an_entry_changed_since_it_was_shown()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var entryId = await AddAsync(NewEntry(id));
        var shown = (await StoredAsync(entryId))!.Version;
        var edit = await Fixture.SendAsync<EditChronologyEntry.Command>(new EditChronologyEntry.Query(id, entryId));
        edit.WhatHappened = "Corrected meanwhile";
        await Fixture.SendAsync(edit);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(new DeleteChronologyEntry.Command(id, entryId, shown)));

        Assert.NotNull(await StoredAsync(entryId));
    }

    [Fact]
    public async Task Should_unlink_decision_points_when_their_entry_is_deleted()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        var entryId = await AddAsync(NewEntry(id, Today.AddDays(-30)));
        var pointId = await Fixture.ExecuteScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReviewsDbContext>();
            var review = await db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == id);
            var entry = await db.ChronologyEntries.IgnoreQueryFilters().SingleAsync(e => e.Id == entryId);
            var point = review.AddDecisionPoint(
                null,
                new DecisionDetails(entry.Date, entry.Id, DeciderRole.Investigator, "Closed the assessment", null, null, null, Pressure.Workload, null),
                entry,
                Fixture.Time.GetUtcNow());
            db.DecisionPoints.Add(point);
            await db.SaveChangesAsync();
            return point.Id;
        });
        var version = (await StoredAsync(entryId))!.Version;

        await Fixture.SendAsync(new DeleteChronologyEntry.Command(id, entryId, version));

        Assert.Null(await StoredAsync(entryId));
        var point = await Fixture.QueryDbAsync(db => db.DecisionPoints.IgnoreQueryFilters().SingleAsync(p => p.Id == pointId));
        Assert.Null(point.ChronologyEntryId);
        Assert.Equal(Today.AddDays(-30), point.Date);
        Assert.Equal("Closed the assessment", point.Decision);
    }

    [Theory]
    [InlineData(ReviewStage.Intake)]
    [InlineData(ReviewStage.FamilyNeeds)]
    [InlineData(ReviewStage.Debrief)]
    [InlineData(ReviewStage.Findings)]
    public async Task Should_keep_the_chronology_editable_at_every_working_stage_before_approval(ReviewStage stage)
    {
        var id = await Fixture.ReviewAtAsync(stage);

        var entryId = await AddAsync(NewEntry(id));
        var edit = await Fixture.SendAsync<EditChronologyEntry.Command>(new EditChronologyEntry.Query(id, entryId));
        edit.WhatHappened = "Edited at " + stage;
        await Fixture.SendAsync(edit);
        var list = await Fixture.SendAsync<ListChronology.Result>(new ListChronology.Query(id));

        Assert.True(list.CanEdit);
        Assert.Equal("Edited at " + stage, Assert.Single(list.Entries).WhatHappened);
        await Fixture.SendAsync(new DeleteChronologyEntry.Command(id, entryId, list.Entries[0].Version));
        Assert.Null(await StoredAsync(entryId));
    }

    [Fact]
    public async Task Should_refuse_a_chronology_for_a_screened_out_incident()
    {
        var intake = Intakes.NewCommand(Today);
        intake.IncidentType = IncidentType.Fatality;
        intake.MostRecentContact = null;
        var review = await Fixture.SendAsync<CreateReview.Result>(intake);
        Assert.True(review.ScreenedOut);

        var ex = await Assert.ThrowsAsync<DomainException>(() => AddAsync(NewEntry(review.Id)));

        Assert.Equal("A screened-out incident is not reviewed, so it has no chronology.", ex.Message);
        var list = await Fixture.SendAsync<ListChronology.Result>(new ListChronology.Query(review.Id));
        Assert.False(list.CanEdit);
        Assert.Equal("A screened-out incident is not reviewed, so it has no chronology.", list.ReadOnlyReason);
        Assert.Empty(list.Entries);
    }

    [Fact]
    public async Task Should_lock_existing_entries_when_a_corrected_intake_screens_the_incident_out()
    {
        var review = await Fixture.SendAsync<CreateReview.Result>(Intakes.NewCommand(Today));
        var entryId = await AddAsync(NewEntry(review.Id));
        var edit = await Fixture.SendAsync<EditChronologyEntry.Command>(new EditChronologyEntry.Query(review.Id, entryId));
        var intake = await Fixture.SendAsync<EditIntake.Command>(new EditIntake.Query(review.Id));
        intake.IncidentType = IncidentType.Fatality;
        intake.MostRecentContact = null;
        await Fixture.SendAsync(intake);

        var locked = await Fixture.SendAsync<EditChronologyEntry.Command>(new EditChronologyEntry.Query(review.Id, entryId));
        Assert.False(locked.Editable);
        edit.WhatHappened = "Changed after the screen-out";
        var editRefused = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(edit));
        var deleteRefused = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new DeleteChronologyEntry.Command(review.Id, entryId, edit.Version)));

        Assert.Equal("A screened-out incident is not reviewed, so it has no chronology.", editRefused.Message);
        Assert.Equal(editRefused.Message, deleteRefused.Message);
        var stored = await StoredAsync(entryId);
        Assert.Equal("Home visit", stored?.WhatHappened);
        Assert.Equal(edit.Version, stored?.Version);
    }

    [Fact]
    public async Task Should_not_find_an_entry_through_another_review()
    {
        var first = await Fixture.ReviewAtAsync(ReviewStage.Intake);
        var second = await Fixture.ReviewAtAsync(ReviewStage.Intake);
        var entryId = await AddAsync(NewEntry(first));
        var version = (await StoredAsync(entryId))!.Version;

        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<EditChronologyEntry.Command>(new EditChronologyEntry.Query(second, entryId)));
        var edit = await Fixture.SendAsync<EditChronologyEntry.Command>(new EditChronologyEntry.Query(first, entryId));
        edit.Id = second;
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(edit));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new DeleteChronologyEntry.Command(second, entryId, version)));

        Assert.NotNull(await StoredAsync(entryId));
    }

    [Fact]
    public async Task Should_hide_the_chronology_from_another_jurisdiction()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var entryId = await AddAsync(NewEntry(id));
        var edit = await Fixture.SendAsync<EditChronologyEntry.Command>(new EditChronologyEntry.Query(id, entryId));
        await Fixture.RunAsUserAsync(Users.OtherCaseworker);

        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<ListChronology.Result>(new ListChronology.Query(id)));
        await Assert.ThrowsAsync<NotFoundException>(() => AddAsync(NewEntry(id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<EditChronologyEntry.Command>(new EditChronologyEntry.Query(id, entryId)));
        edit.WhatHappened = "Changed by another county";
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(edit));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new DeleteChronologyEntry.Command(id, entryId, edit.Version)));

        var stored = await StoredAsync(entryId);
        Assert.Equal("Home visit", stored?.WhatHappened);
        Assert.Equal(1, await Fixture.QueryDbAsync(db => db.ChronologyEntries.IgnoreQueryFilters().CountAsync(e => e.ReviewId == id)));
    }

    [Fact]
    public async Task Should_let_an_administrator_read_the_chronology_but_not_change_it()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        var entryId = await AddAsync(NewEntry(id));
        var version = (await StoredAsync(entryId))!.Version;
        await Fixture.RunAsUserAsync(Users.Admin);

        var list = await Fixture.SendAsync<ListChronology.Result>(new ListChronology.Query(id));
        Assert.Single(list.Entries);
        Assert.False(list.CanEdit);
        Assert.Equal("Your role can read the chronology but not change it.", list.ReadOnlyReason);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => AddAsync(NewEntry(id)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<EditChronologyEntry.Command>(new EditChronologyEntry.Query(id, entryId)));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync(new DeleteChronologyEntry.Command(id, entryId, version)));
        Assert.NotNull(await StoredAsync(entryId));
    }

    [Fact]
    public async Task Should_not_let_an_analyst_read_a_chronology()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.FamilyNeeds);
        await Fixture.RunAsUserAsync(Users.Analyst);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<ListChronology.Result>(new ListChronology.Query(id)));
    }
}
