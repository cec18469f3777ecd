using CsCheck;
using NPCS.Reviews.Application.Features.Trends;

namespace NPCS.Reviews.Tests.Features.Trends;

public class SuppressionTests
{
    private const int Threshold = 5;

    /// <summary>A grid with its totals, suppressed: the statuses of the cells (rows x columns), row totals, column totals and the grand total.</summary>
    private static (SuppressionProblem Problem, CountGrid Grid) Suppress(int[,] counts)
    {
        var problem = new SuppressionProblem();
        var grid = new CountGrid(problem, counts);
        problem.Apply(Threshold);
        return (problem, grid);
    }

    [Fact]
    public void Should_show_a_count_below_the_threshold_as_fewer_than_5_and_leave_larger_counts_and_zeros_shown()
    {
        var problem = new SuppressionProblem();
        List<int> cells = [problem.Add(0), problem.Add(1), problem.Add(4), problem.Add(5), problem.Add(120)];
        problem.Apply(Threshold);

        Assert.Equal(
            [CellStatus.Shown, CellStatus.FewerThanThreshold, CellStatus.FewerThanThreshold, CellStatus.Shown, CellStatus.Shown],
            cells.Select(problem.Status));
        var format = new CellFormatter(problem, Threshold);
        Assert.Equal("fewer than 5", format.Count(cells[1]).Text);
        Assert.Null(format.Count(cells[1]).Value);
        Assert.Equal("120", format.Count(cells[4]).Text);
    }

    [Fact]
    public void Should_suppress_the_next_smallest_non_zero_cell_of_a_row_whose_total_is_shown()
    {
        // Row 0: 2 (small) beside 9, 30, 0: the 9 goes too; the column of the 2 has a 7 below it.
        var (problem, grid) = Suppress(new[,] { { 2, 9, 30, 0 }, { 7, 12, 40, 6 } });

        Assert.Equal(CellStatus.FewerThanThreshold, problem.Status(grid.Cell(0, 0)));
        Assert.Equal(CellStatus.Suppressed, problem.Status(grid.Cell(0, 1)));
        Assert.Equal(CellStatus.Shown, problem.Status(grid.Cell(0, 2)));
        Assert.Equal(CellStatus.Shown, problem.Status(grid.Cell(0, 3)));
        Assert.Equal(CellStatus.Shown, problem.Status(grid.RowTotals[0]));
    }

    [Fact]
    public void Should_suppress_the_next_smallest_non_zero_cell_of_a_column_whose_total_is_shown()
    {
        var (problem, grid) = Suppress(new[,] { { 3, 20 }, { 8, 20 }, { 50, 20 } });

        // The 3 is small; its row gets the 20 beside it, its column the 8 below it.
        Assert.Equal(CellStatus.FewerThanThreshold, problem.Status(grid.Cell(0, 0)));
        Assert.Equal(CellStatus.Suppressed, problem.Status(grid.Cell(1, 0)));
        Assert.Equal(CellStatus.Shown, problem.Status(grid.Cell(2, 0)));
        Assert.Equal(CellStatus.Shown, problem.Status(grid.ColumnTotals[0]));
    }

    [Fact]
    public void Should_suppress_the_total_when_a_hidden_cell_has_no_other_non_zero_cell_in_its_line()
    {
        var problem = new SuppressionProblem();
        var (cells, total) = CountGrid.Column(problem, [0, 3, 0, 0]);
        var other = new SuppressionProblem();
        var (big, bigTotal) = CountGrid.Column(other, [0, 12, 0, 0]);
        problem.Apply(Threshold);
        other.Apply(Threshold);

        Assert.Equal(CellStatus.FewerThanThreshold, problem.Status(cells[1]));
        Assert.Equal(CellStatus.FewerThanThreshold, problem.Status(total));
        Assert.Equal(CellStatus.Shown, other.Status(big[1]));
        Assert.Equal(CellStatus.Shown, other.Status(bigTotal));

        // A complementary cell alone in its row (a 9 hidden for its column's sake) takes the row total with it.
        var (grid, g) = Suppress(new[,] { { 2, 0 }, { 9, 0 }, { 30, 40 } });
        Assert.Equal(CellStatus.Suppressed, grid.Status(g.Cell(1, 0)));
        Assert.Equal(CellStatus.Suppressed, grid.Status(g.RowTotals[1]));
    }

    [Fact]
    public void Should_never_use_a_zero_as_a_complement()
    {
        var (problem, grid) = Suppress(new[,] { { 2, 0, 0, 11 }, { 6, 0, 7, 9 } });

        Assert.Equal(CellStatus.Shown, problem.Status(grid.Cell(0, 1)));
        Assert.Equal(CellStatus.Shown, problem.Status(grid.Cell(0, 2)));
        Assert.Equal(CellStatus.Suppressed, problem.Status(grid.Cell(0, 3)));
        Assert.Equal(CellStatus.Shown, problem.Status(grid.Cell(1, 1)));
    }

    [Fact]
    public void Should_protect_a_cell_against_a_total_another_table_shows()
    {
        // Two tables over the same reviews per quarter share their quarter totals: the second table's
        // small cell is protected within its column, though the first table shows that column's total.
        var problem = new SuppressionProblem();
        var first = new CountGrid(problem, new[,] { { 10, 20 }, { 10, 20 } });
        var second = new CountGrid(problem, new[,] { { 17, 40 }, { 3, 0 } }, first.ColumnTotals, first.GrandTotal);
        problem.Apply(Threshold);

        Assert.Equal(CellStatus.FewerThanThreshold, problem.Status(second.Cell(1, 0)));
        Assert.Equal(CellStatus.Suppressed, problem.Status(second.Cell(0, 0)));
    }

    [Fact]
    public void Should_suppress_shares_and_percentiles_derived_from_hidden_counts_or_too_few_values()
    {
        var problem = new SuppressionProblem();
        var (cells, total) = CountGrid.Column(problem, [3, 6, 40]);
        var few = problem.Add(4);
        var many = problem.Add(6);
        problem.Apply(Threshold);
        var format = new CellFormatter(problem, Threshold);

        Assert.Equal(CellStatus.Suppressed, format.Share(cells[0], total).Status);
        Assert.Equal(CellStatus.Suppressed, format.Share(cells[1], total).Status);
        Assert.Equal("81.6%", format.Share(cells[2], total).Text);
        Assert.Equal(CellStatus.Suppressed, format.Percentile([1, 2, 3, 4], 0.5, few).Status);
        Assert.Equal("3.5", format.Percentile([1, 2, 3, 4, 5, 6], 0.5, many).Text);
        Assert.Equal("5.5", format.Percentile([1, 2, 3, 4, 5, 6], 0.9, many).Text);
    }

    [Fact]
    public void Should_refuse_a_threshold_below_5()
    {
        var problem = new SuppressionProblem();
        problem.Add(3);

        Assert.Throws<ArgumentOutOfRangeException>(() => problem.Apply(4));
    }

    /// <summary>Mostly small counts and zeros, so that suppression has work to do.</summary>
    private static readonly Gen<int> Counts = Gen.Frequency((4, Gen.Int[0, 0]), (6, Gen.Int[1, 4]), (5, Gen.Int[5, 12]), (2, Gen.Int[13, 200]));

    private static readonly Gen<int[,]> Grids =
        from rows in Gen.Int[1, 6]
        from columns in Gen.Int[1, 6]
        from values in Counts.Array[rows * columns]
        select ToGrid(values, rows, columns);

    [Fact]
    public void Random_tables_never_show_a_count_of_1_to_4_nor_let_one_be_worked_out_from_a_shown_total()
    {
        Gen.Select(Grids, Grids).Sample(pair =>
        {
            // Two tables over the same reviews (the rows of one reversed: the same column sums) share
            // their column totals and grand total, as the quarter tables do; a third stands alone.
            var (a, b) = pair;
            var problem = new SuppressionProblem();
            var first = new CountGrid(problem, a);
            var second = new CountGrid(problem, Reversed(a), first.ColumnTotals, first.GrandTotal);
            var third = new CountGrid(problem, b);
            problem.Apply(Threshold);

            foreach (var cell in Enumerable.Range(0, problem.Count))
            {
                Assert.False(problem.Status(cell) == CellStatus.Shown && problem.Value(cell) is >= 1 and < Threshold, $"cell {cell} shows {problem.Value(cell)}");
                Assert.False(problem.IsHidden(cell) && problem.Value(cell) == 0, $"cell {cell} hides a zero");
            }

            foreach (var grid in new[] { first, second, third })
            {
                foreach (var (members, total) in Lines(grid))
                {
                    var hidden = members.Count(problem.IsHidden);
                    if (!problem.IsHidden(total))
                    {
                        Assert.True(hidden != 1, $"a line with a shown total {problem.Value(total)} hides exactly one of {string.Join(", ", members.Select(problem.Value))}");
                    }
                }
            }
        }, iter: 2000);
    }

    private static IEnumerable<(int[] Members, int Total)> Lines(CountGrid grid)
    {
        for (var r = 0; r < grid.RowCount; r++)
        {
            yield return ([.. Enumerable.Range(0, grid.ColumnCount).Select(c => grid.Cell(r, c))], grid.RowTotals[r]);
        }

        for (var c = 0; c < grid.ColumnCount; c++)
        {
            yield return ([.. Enumerable.Range(0, grid.RowCount).Select(r => grid.Cell(r, c))], grid.ColumnTotals[c]);
        }

        yield return ([.. grid.RowTotals], grid.GrandTotal);
        yield return ([.. grid.ColumnTotals], grid.GrandTotal);
    }

    private static int[,] ToGrid(int[] values, int rows, int columns)
    {
        var grid = new int[rows, columns];
        for (var i = 0; i < values.Length; i++)
        {
            grid[i / columns, i % columns] = values[i];
        }

        return grid;
    }

    private static int[,] Reversed(int[,] grid)
    {
        var (rows, columns) = (grid.GetLength(0), grid.GetLength(1));
        var reversed = new int[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                reversed[rows - 1 - r, c] = grid[r, c];
            }
        }

        return reversed;
    }
}
