using System.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Findings;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Behaviors;

public class ConnectionBehaviorTests(SliceFixture fixture) : SliceTest(fixture, Users.Facilitator)
{
    [Fact]
    public async Task Should_open_the_connection_once_for_all_the_queries_of_a_request_and_give_it_back_when_the_handler_returns()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Findings);
        var (opens, openAfter, result) = await Fixture.ExecuteScopeAsync(async sp =>
        {
            var connection = sp.GetRequiredService<ReviewsDbContext>().Database.GetDbConnection();
            var opened = 0;
            connection.StateChange += (_, e) => opened += e.CurrentState == ConnectionState.Open ? 1 : 0;
            var findings = await sp.GetRequiredService<IMediator>().Send(new GetFindings.Query(id));
            return (opened, connection.State == ConnectionState.Open, findings);
        });

        // The findings page reads the review, its team, the catalog, its records, findings and actions: many queries, one open.
        Assert.NotEmpty(result.EvidenceOptions);
        Assert.NotEmpty(result.Factors);
        Assert.Equal(1, opens);
        Assert.False(openAfter);
    }
}
