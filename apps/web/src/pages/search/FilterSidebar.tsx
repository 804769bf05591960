import type { SellerLevel } from "@atelier/contracts";
import { Link } from "@tanstack/react-router";
import { sellerLevelLabel } from "../../components/SellerLevelBadge";
import { AiFilter } from "./AiFilter";
import { BudgetFilter } from "./BudgetFilter";
import { CategoryFilter } from "./CategoryFilter";
import { Count } from "./Count";
import { FilterGroup } from "./FilterGroup";
import type { FilterSidebarProps } from "./searchHelpers";
import { optionClass } from "./searchHelpers";

const LEVELS: SellerLevel[] = ["top_rated", "level_2", "level_1", "new"];

const RATINGS = [4.5, 4, 3];

export function FilterSidebar({ search, facets, tree, names, loading }: FilterSidebarProps) {
  return (
    <div className="space-y-7">
      <FilterGroup title="Category">
        <CategoryFilter search={search} facets={facets} tree={tree} names={names} loading={loading} />
      </FilterGroup>
      <FilterGroup title="Budget">
        <BudgetFilter key={`${search.minPrice}-${search.maxPrice}`} search={search} />
      </FilterGroup>
      <FilterGroup title="AI use">
        <AiFilter search={search} />
      </FilterGroup>
      <FilterGroup title="Delivery time">
        <ul className="space-y-0.5">
          <li>
            <Link
              to="/search"
              search={(prev) => ({ ...prev, maxDeliveryDays: undefined })}
              activeOptions={{ exact: true }}
              className={optionClass}
            >
              Any time
            </Link>
          </li>
          {(facets?.deliveryDays ?? []).map((bucket) => (
            <li key={bucket.maxDays}>
              <Link
                to="/search"
                search={(prev) => ({ ...prev, maxDeliveryDays: bucket.maxDays })}
                activeOptions={{ exact: true }}
                className={optionClass}
              >
                <span>{bucket.maxDays === 1 ? "Express, 24 hours" : `Up to ${bucket.maxDays} days`}</span>
                <Count value={bucket.count} />
              </Link>
            </li>
          ))}
        </ul>
      </FilterGroup>
      <FilterGroup title="Seller level">
        <ul className="space-y-0.5">
          <li>
            <Link
              to="/search"
              search={(prev) => ({ ...prev, sellerLevel: undefined })}
              activeOptions={{ exact: true }}
              className={optionClass}
            >
              Any level
            </Link>
          </li>
          {LEVELS.map((level) => {
            const count = facets?.sellerLevels.find((facet) => facet.level === level)?.count;
            return (
              <li key={level}>
                <Link
                  to="/search"
                  search={(prev) => ({ ...prev, sellerLevel: level })}
                  activeOptions={{ exact: true }}
                  className={optionClass}
                >
                  <span>{sellerLevelLabel(level)}</span>
                  {count !== undefined ? <Count value={count} /> : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </FilterGroup>
      <FilterGroup title="Rating">
        <ul className="space-y-0.5">
          <li>
            <Link
              to="/search"
              search={(prev) => ({ ...prev, minRating: undefined })}
              activeOptions={{ exact: true }}
              className={optionClass}
            >
              Any rating
            </Link>
          </li>
          {RATINGS.map((rating) => (
            <li key={rating}>
              <Link
                to="/search"
                search={(prev) => ({ ...prev, minRating: rating })}
                activeOptions={{ exact: true }}
                className={optionClass}
              >
                <span>
                  <span aria-hidden="true" className="text-amber-600">
                    ★{" "}
                  </span>
                  {rating} and up
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </FilterGroup>
    </div>
  );
}
