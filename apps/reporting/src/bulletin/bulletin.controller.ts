import { Controller, Get, HttpException, Param, Query, Res } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { AnnualWeights, annualAssessment, renderAnnualXlsx, validateWeights } from '../annual/annual';
import { RoundService } from '../rounds/round.service';
import { checkRegion } from '../trends/trends.resolver';
import { loadBulletin } from './bulletin-loader';
import { renderBulletinDocx } from './bulletin-docx';
import { renderAnnexXlsx } from './bulletin-xlsx';

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Our classified GraphQL errors as HTTP answers: 400 bad input, 404 not found, 409 conflict. */
function httpError(e: unknown): never {
  if (e instanceof GraphQLError) {
    const code = e.extensions.code;
    const status = code === 'NOT_FOUND' ? 404 : code === 'CONFLICT' ? 409 : 400;
    throw new HttpException({ error: code, message: e.message, field: e.extensions.field ?? null }, status);
  }
  throw e;
}

/** The express response (express ships no types here; only these two calls are used). */
interface Response {
  setHeader(name: string, value: string): void;
  end(body: Buffer): void;
}

const send = (res: Response, type: keyof typeof TYPES, filename: string, body: Buffer) => {
  res.setHeader('content-type', TYPES[type]);
  res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  res.end(body);
};

@Controller()
export class BulletinController {
  constructor(
    private readonly rounds: RoundService,
    private readonly dataSource: DataSource,
  ) {}

  /** GET /bulletins/<roundId>.docx (the 通报) or .xlsx (its annexes); frozen once published, a live preview before. */
  @Get('bulletins/:file')
  async bulletin(@Param('file') file: string, @Query('publishDate') publishDate: string | undefined, @Res() res: Response) {
    const m = /^([0-9a-f-]{36})\.(docx|xlsx)$/i.exec(file);
    if (!m) throw new HttpException({ error: 'BAD_USER_INPUT', message: 'expected /bulletins/<roundId>.docx or .xlsx' }, 400);
    try {
      const round = await this.rounds.get(m[1]);
      const data = round.bulletin ?? (await loadBulletin(this.dataSource.manager, round, publishDate));
      const type = m[2].toLowerCase() as 'docx' | 'xlsx';
      const body = type === 'docx' ? await renderBulletinDocx(data) : await renderAnnexXlsx(data);
      send(res, type, `${round.name}${type === 'docx' ? '通报' : '附件'}.${type}`, body);
    } catch (e) {
      httpError(e);
    }
  }

  /** GET /annual/<regionCode>/<year>.xlsx?quarters=1,1,1,1&rectification=0.2 */
  @Get('annual/:regionCode/:file')
  async annual(
    @Param('regionCode') regionCode: string,
    @Param('file') file: string,
    @Query('quarters') quarters: string | undefined,
    @Query('rectification') rectification: string | undefined,
    @Res() res: Response,
  ) {
    try {
      const y = /^(\d{4})\.xlsx$/.exec(file);
      if (!y) throw new HttpException({ error: 'BAD_USER_INPUT', message: 'expected /annual/<regionCode>/<year>.xlsx' }, 400);
      const weights: AnnualWeights | undefined =
        quarters || rectification ? validateWeights({ quarters: (quarters ?? '1,1,1,1').split(',').map(Number), rectification: Number(rectification ?? 0) }) : undefined;
      const rows = await annualAssessment(this.dataSource.manager, checkRegion(regionCode), Number(y[1]), weights);
      send(res, 'xlsx', `${y[1]}年度考核-${regionCode}.xlsx`, await renderAnnualXlsx(Number(y[1]), rows, validateWeights(weights)));
    } catch (e) {
      httpError(e);
    }
  }
}
