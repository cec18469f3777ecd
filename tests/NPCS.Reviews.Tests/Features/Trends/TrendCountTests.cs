using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Sharing;
using NPCS.Reviews.Application.Features.Trends;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Features.Sharing;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Trends;

/// <summary>The dashboard counts the jurisdiction's reviews in the database: the same numbers as its extract's records add up to.</summary>
public class TrendCountTests(SliceFixture fixture) : SliceTest(fixture, Users.Supervisor)
{
    [Fact]
    public async Task Should_count_in_the_database_what_the_extract_records_of_the_same_period_add_up_to()
    {
        // Fatalities with a finding, an action, a need and a session held; near fatalities from the
        // scene; one review still in approval, which neither counts.
        for (var i = 0; i < 3; i++)
        {
            await Fixture.ExecuteScopeAsync(sp => MarkedReview.CreateAsync(
                sp.GetRequiredService<ReviewsDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), Fixture.Time.Now, $"T{i}"));
        }

        for (var i = 0; i < 4; i++)
        {
            await Fixture.ReviewAtAsync(ReviewStage.Approved);
        }

        await Fixture.ReviewAtAsync(ReviewStage.Approval);
        var period = new ExtractPeriod(new YearMonth(2025, 12), new YearMonth(2026, 11));

        // The findings' item codes from the catalogs the dashboard has read, or, with none given, all
        // from the database: the same counts either way.
        foreach (var (type, fromCatalogs) in new IncidentType?[] { null, IncidentType.Fatality, IncidentType.NearFatality }.SelectMany(t => new[] { (t, true), (t, false) }))
        {
            var (counted, read) = await Fixture.ExecuteScopeAsync(async sp =>
            {
                var source = sp.GetRequiredService<ExtractSource>();
                var owner = await source.OwnerAsync(CancellationToken.None);
                var codes = fromCatalogs ? (await sp.GetRequiredService<TrendSources>().LabelsAsync(CancellationToken.None)).ItemCodes : new Dictionary<int, ItemCodes>();
                Assert.Equal(fromCatalogs, codes.Count > 0);
                var counted = new TrendAggregator(period);
                await source.CountAsync(owner, counted, type, codes, CancellationToken.None);
                counted.Complete();
                var read = new TrendAggregator(period);
                await foreach (var record in source.ReadAsync(owner, period))
                {
                    if (type is null || record.IncidentType == type)
                    {
                        read.Add(record);
                    }
                }

                read.Complete();
                return (counted, read);
            });

            Assert.True(read.Reviews >= (type is null ? 7 : 3), $"{type}: {read.Reviews} reviews");
            Assert.True(read.Ratings.Sum() > 0 && read.Actions.Cast<int>().Sum() > 0 && read.Needs.Cast<int>().Sum() > 0, $"{type}: no findings, actions or needs");
            Assert.Equal(read.Reviews, counted.Reviews);
            Assert.Equal(read.CompletedOnTime, counted.CompletedOnTime);
            Assert.Equal(read.ByIncidentType, counted.ByIncidentType);
            Assert.Equal(read.ByCause, counted.ByCause);
            Assert.Equal(read.Ratings, counted.Ratings);
            Assert.Equal(read.Actions, counted.Actions);
            Assert.Equal(read.Needs, counted.Needs);
            Assert.Equal(read.Domains.OrderBy(d => d.Key, StringComparer.Ordinal), counted.Domains.OrderBy(d => d.Key, StringComparer.Ordinal));
            Assert.Equal(read.Items.OrderBy(i => i.Key), counted.Items.OrderBy(i => i.Key));
            Assert.Equal(read.DaysToFirstDebrief, counted.DaysToFirstDebrief);
            Assert.Equal(read.DaysToApproval, counted.DaysToApproval);
        }
    }
}
