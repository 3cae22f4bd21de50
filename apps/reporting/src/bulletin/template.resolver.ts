import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { invalid } from '../errors';
import { requirementTemplate } from './bulletin-loader';

/** 三、下一步工作要求: an editable template per office; placeholders {office} {deadline} {roundName}. */
@Resolver()
export class TemplateResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Query(() => [String], { description: 'The office’s 下一步工作要求 paragraphs (the default when it has none)' })
  async requirementTemplate(@Args('office') office: string): Promise<string[]> {
    return requirementTemplate(this.dataSource.manager, office);
  }

  @Mutation(() => [String])
  async setRequirementTemplate(@Args('office') office: string, @Args('paragraphs', { type: () => [String] }) paragraphs: string[]): Promise<string[]> {
    if (!office?.trim()) throw invalid('office', '请填写检查单位');
    const clean = paragraphs.map((p) => p.trim()).filter(Boolean);
    if (clean.length === 0) throw invalid('paragraphs', '至少需要一段工作要求');
    await this.dataSource.query(
      `INSERT INTO requirement_template (office, paragraphs) VALUES ($1, $2)
       ON CONFLICT (office) DO UPDATE SET paragraphs = EXCLUDED.paragraphs, updated_at = now()`,
      [office.trim(), JSON.stringify(clean)],
    );
    return clean;
  }
}
