using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Application.Features.Reviews;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Reviews;

public class ReviewAccessTests(SliceFixture fixture) : SliceTest(fixture, Users.Caseworker)
{
    private async Task<CreateReview.Result> CreateDemoReviewAsync()
    {
        await Fixture.RunAsUserAsync(Users.Caseworker);
        return await Fixture.SendAsync<CreateReview.Result>(Intakes.NewCommand(Today));
    }

    [Fact]
    public async Task Should_answer_not_found_to_another_jurisdiction_whatever_the_request()
    {
        var demo = await CreateDemoReviewAsync();
        var version = (await Fixture.SendAsync<GetReview.Result>(new GetReview.Query(demo.Id))).Review.Version;
        await Fixture.RunAsUserAsync(Users.OtherCaseworker);

        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<GetReview.Result>(new GetReview.Query(demo.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<EditIntake.Command>(new EditIntake.Query(demo.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new CompleteIntake.Command(demo.Id, version)));
        var edit = Intakes.Fill(new EditIntake.Command { Id = demo.Id, Version = version }, Today);
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(edit));
    }

    [Fact]
    public async Task Should_list_only_the_users_own_jurisdiction()
    {
        var demo = await CreateDemoReviewAsync();

        await Fixture.RunAsUserAsync(Users.OtherCaseworker);
        var other = await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query());
        Assert.DoesNotContain(other.Rows, r => r.Number == demo.Number);
        Assert.All(other.Rows, r => Assert.StartsWith("OTHR-", r.Number, StringComparison.Ordinal));

        await Fixture.RunAsUserAsync(Users.Caseworker);
        var mine = await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query(Search: demo.Number));
        Assert.Equal(demo.Number, Assert.Single(mine.Rows).Number);
        Assert.All((await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query())).Rows, r => Assert.StartsWith("DEMO-", r.Number, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_not_find_another_jurisdictions_review_by_its_case_reference()
    {
        await Fixture.RunAsUserAsync(Users.Caseworker);

        var result = await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query(Search: "OTHR-CASE-001"));

        Assert.Empty(result.Rows);
    }

    [Fact]
    public async Task Should_keep_analysts_and_anonymous_callers_away_from_review_content()
    {
        await CreateDemoReviewAsync();

        await Fixture.RunAsUserAsync(Users.Analyst);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query()));

        Fixture.RunAsAnonymous();
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query()));
    }
}

public class ReviewListTests(SliceFixture fixture) : SliceTest(fixture, Users.Caseworker)
{
    [Fact]
    public async Task Should_page_sort_filter_and_search_the_list()
    {
        var created = new List<CreateReview.Result>();
        for (var i = 0; i < 27; i++)
        {
            var command = Intakes.NewCommand(Today);
            command.IncidentDate = Today.AddDays(-40 + i);
            command.NotifiedDate = command.IncidentDate;
            command.MostRecentContact = null;
            command.CaseReference = $"LIST-{i:D3}";
            created.Add(await Fixture.SendAsync<CreateReview.Result>(command));
        }

        var first = await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query(Search: "LIST-"));
        Assert.Equal(27, first.Total);
        Assert.Equal(2, first.PageCount);
        Assert.Equal(ListReviews.PageSize, first.Rows.Count);
        Assert.Equal(first.Rows.Select(r => r.NextDue).Order(), first.Rows.Select(r => r.NextDue));
        Assert.Equal(created[0].Number, first.Rows[0].Number);
        Assert.True(first.Rows[0].Overdue);
        Assert.Equal("First debrief", first.Rows[0].DueLabel);

        var second = await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query(Search: "LIST-", Page: 2));
        Assert.Equal(2, second.Rows.Count);
        Assert.Equal(created[^1].Number, second.Rows[^1].Number);

        var beyond = await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query(Search: "LIST-", Page: 99));
        Assert.Equal(2, beyond.Page);

        var search = await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query(Search: "list-01"));
        Assert.Equal(10, search.Total);

        var version = (await Fixture.SendAsync<GetReview.Result>(new GetReview.Query(created[3].Id))).Review.Version;
        await Fixture.SendAsync(new CompleteIntake.Command(created[3].Id, version));
        var familyNeeds = await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query(Stage: ReviewStage.FamilyNeeds, Search: "LIST-"));
        Assert.Equal(created[3].Number, Assert.Single(familyNeeds.Rows).Number);
    }
}

public class ReviewSearchTests(SliceFixture fixture) : SliceTest(fixture, Users.Caseworker)
{
    [Fact]
    public async Task Should_count_and_page_a_search_alike_whether_its_matches_are_few_or_more_than_it_reads_itself()
    {
        var numbers = new List<string>();
        for (var i = 0; i <= ListReviews.SearchMatchesRead; i++)
        {
            var command = Intakes.NewCommand(Today);
            command.IncidentDate = Today.AddDays(-90 + (i % 60));
            command.NotifiedDate = command.IncidentDate;
            command.MostRecentContact = null;
            command.CaseReference = $"MANY-{i:D4}";
            numbers.Add((await Fixture.SendAsync<CreateReview.Result>(command)).Number);
        }

        // More matches than the search reads itself: the database counts and pages them.
        var many = await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query(Search: "many-"));
        Assert.Equal(ListReviews.SearchMatchesRead + 1, many.Total);
        Assert.Equal((int)Math.Ceiling(many.Total / (double)ListReviews.PageSize), many.PageCount);
        var last = await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query(Search: "MANY-", Page: many.PageCount));
        Assert.Equal(many.Total - ((many.PageCount - 1) * ListReviews.PageSize), last.Rows.Count);

        // A few: read once, counted and paged from the ids, in the same order as the database's pages.
        var few = await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query(Search: "MANY-01"));
        Assert.Equal(100, few.Total);
        Assert.Equal(4, few.PageCount);
        var pages = new List<ListReviews.Row>();
        for (var page = 1; page <= few.PageCount; page++)
        {
            pages.AddRange((await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query(Search: "MANY-01", Page: page))).Rows);
        }

        Assert.Equal(100, pages.Select(r => r.Id).Distinct().Count());
        Assert.Equal(pages.Select(r => r.NextDue).Order(), pages.Select(r => r.NextDue));
        var all = new List<ListReviews.Row>();
        for (var page = 1; page <= many.PageCount; page++)
        {
            all.AddRange((await Fixture.SendAsync<ListReviews.Result>(new ListReviews.Query(Search: "MANY-", Page: page))).Rows);
        }

        Assert.Equal(numbers.Order(), all.Select(r => r.Number).Order());
        Assert.Equal([.. all.Where(r => pages.Any(p => p.Id == r.Id)).Select(r => r.Id)], pages.Select(r => r.Id));
    }
}
